// Staff roles per organisation. owner and admin may change settings and revoke sessions;
// viewer may only read. (owner will additionally manage staff once the console does that.)
import type { StaffRole } from "@/lib/generated/prisma/enums.ts";

export type { StaffRole };

const rank: Record<StaffRole, number> = { viewer: 0, admin: 1, owner: 2 };

/** Whether `actual` is at least `required` (owner ⊇ admin ⊇ viewer). */
export function hasRole(actual: StaffRole, required: StaffRole): boolean {
  return rank[actual] >= rank[required];
}

/** The role a mutation needs: changing settings, taking a site out of SSO, revoking sessions. */
export const MANAGE_ROLE: StaffRole = "admin";

export function canManage(role: StaffRole): boolean {
  return hasRole(role, MANAGE_ROLE);
}

export const roleLabels: Record<StaffRole, string> = { owner: "Owner", admin: "Admin", viewer: "Viewer" };
