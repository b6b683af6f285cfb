// Which organisation frames the console's "Page not found": the one named in the path when the
// staff member belongs to it (an unknown page of their own organisation keeps its navigation),
// otherwise their first organisation. So an organisation they are not in and one that does not
// exist give exactly the same page — the console never reveals which organisations exist. Pure.
import type { OrgMembership } from "./staff-sessions";

const ORG_IN_PATH = /^\/orgs\/([^/?#]+)/;

export function pickNotFoundFrame(options: { memberships: OrgMembership[]; publicPath: string }): OrgMembership | null {
  const slug = ORG_IN_PATH.exec(options.publicPath)?.[1];
  return options.memberships.find((m) => m.slug === slug) ?? options.memberships[0] ?? null;
}
