// "May this staff member do this in this organisation?" — the one rule, as a pure function of
// the session validated on this request (memberships fresh from Postgres, so a revoked role
// takes effect at once).
//
// Decision: staff without a membership in an organisation get "not_found" (404) — exactly
// what they get for an organisation that does not exist — so the console never reveals which
// organisations exist. A member whose role is too low gets "forbidden" (403): they already
// know the organisation.
import type { OrgMembership, StaffIdentity, StaffSession } from "./staff-sessions";
import { hasRole, type StaffRole } from "./roles";

export type OrgAccess =
  | { ok: true; staff: StaffIdentity; sessionId: string; org: { id: string; slug: string; name: string }; role: StaffRole; memberships: OrgMembership[] }
  | { ok: false; reason: "unauthenticated" | "second_factor" | "not_found" | "forbidden" };

export const ORG_SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function checkOrgRole(session: StaffSession, options: { orgSlug: string; role: StaffRole }): OrgAccess {
  if (!session.staff) return { ok: false, reason: "unauthenticated" };
  // A password alone opens nothing when a second factor is due (lib/staff/two-factor-policy.ts).
  if (session.secondFactor !== null) return { ok: false, reason: "second_factor" };
  const membership = ORG_SLUG_PATTERN.test(options.orgSlug) ? session.memberships.find((m) => m.slug === options.orgSlug) : undefined;
  if (!membership) return { ok: false, reason: "not_found" };
  if (!hasRole(membership.role, options.role)) return { ok: false, reason: "forbidden" };
  return {
    ok: true,
    staff: session.staff,
    sessionId: session.sessionId,
    org: { id: membership.orgId, slug: membership.slug, name: membership.name },
    role: membership.role,
    memberships: session.memberships,
  };
}
