// The guard every org page of the console runs first (layouts are not a security boundary in
// the App Router: a page must check for itself). Anonymous → the sign-in page, which brings
// the staff member back here; no membership → 404, as for an organisation that does not exist.
import { notFound, redirect } from "next/navigation";
import { requireOrgRole } from "./current-staff";
import type { OrgAccess } from "./org-access";

export type GrantedOrgAccess = Extract<OrgAccess, { ok: true }>;

export async function requireOrgPage(options: { orgSlug: string; path: string }): Promise<GrantedOrgAccess> {
  // Every page of the console may be read by every role; what a viewer may not do is refused
  // by the mutation itself (and its controls are disabled).
  const access = await requireOrgRole({ orgSlug: options.orgSlug, role: "viewer" });
  if (access.ok) return access;
  if (access.reason === "unauthenticated") redirect(`/?next=${encodeURIComponent(options.path)}`);
  notFound();
}

/** Where to go after signing in: a console path from `next`, else the first organisation's settings. */
export function afterSignInPath(options: { next: string | null | undefined; firstOrgSlug: string | null }): string {
  const next = options.next;
  if (next && /^\/orgs\/[a-z0-9][a-z0-9-]{0,62}(\/[a-z0-9/_-]*)?(\?[^\s#\\]*)?$/i.test(next) && !next.includes("//")) return next;
  return options.firstOrgSlug ? `/orgs/${options.firstOrgSlug}/identity/settings` : "/";
}
