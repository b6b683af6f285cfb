// Staff sessions on the admin console, as a handful of verbs: create (at sign-in), validate
// (every request: the session row, the staff member and their memberships, fresh from
// Postgres), revoke (sign-out). next-auth's JWT is encrypted with AUTH_SECRET and carries only
// the session id, so it cannot be forged; the row decides whether it is still good, so a
// sign-out, a revoked role or a deleted staff member takes effect on the next request on every
// instance.
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { StaffRole } from "./roles";

/** Idle lifetime: a console left alone for an hour asks for the password again. */
export const STAFF_SESSION_IDLE_SECONDS = 60 * 60;
/** Absolute lifetime: one working day, whatever the activity. */
export const STAFF_SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60;
/** last_seen_at is refreshed at most this often. */
const TOUCH_INTERVAL_SECONDS = 60;

export type StaffIdentity = { id: string; email: string; name: string };
export type OrgMembership = { orgId: string; slug: string; name: string; role: StaffRole };

export type StaffSession =
  | { sessionId: string; staff: StaffIdentity; memberships: OrgMembership[] }
  | { sessionId: null; staff: null; memberships: [] };

export const NO_STAFF_SESSION: StaffSession = { sessionId: null, staff: null, memberships: [] };

const sessionIdSchema = z.uuid();

export async function createStaffSession(options: { staffId: string; ip: string; userAgent: string | null }): Promise<{ id: string }> {
  const now = new Date();
  // Housekeeping: this staff member's dead sessions go when a new one starts (a handful per person).
  await db.staffSession.deleteMany({ where: { staffId: options.staffId, OR: [{ expiresAt: { lt: now } }, { revokedAt: { not: null } }] } });
  return db.staffSession.create({
    data: {
      staffId: options.staffId,
      ip: options.ip,
      userAgent: options.userAgent?.slice(0, 512) ?? null,
      expiresAt: new Date(now.getTime() + STAFF_SESSION_ABSOLUTE_SECONDS * 1000),
    },
    select: { id: true },
  });
}

/** The live session `sessionId` names, with who it is and their memberships now; or no session. */
export async function validateStaffSession(options: { sessionId: unknown }): Promise<StaffSession> {
  const parsed = sessionIdSchema.safeParse(options.sessionId);
  if (!parsed.success) return NO_STAFF_SESSION;
  const now = new Date();
  const row = await db.staffSession.findFirst({
    where: {
      id: parsed.data,
      revokedAt: null,
      expiresAt: { gt: now },
      lastSeenAt: { gt: new Date(now.getTime() - STAFF_SESSION_IDLE_SECONDS * 1000) },
    },
    select: {
      id: true,
      lastSeenAt: true,
      staff: {
        select: {
          id: true,
          email: true,
          name: true,
          memberships: { select: { role: true, org: { select: { id: true, slug: true, name: true } } }, orderBy: { org: { name: "asc" } } },
        },
      },
    },
  });
  if (!row) return NO_STAFF_SESSION;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_SECONDS * 1000) {
    await db.staffSession.updateMany({ where: { id: row.id, revokedAt: null }, data: { lastSeenAt: now } });
  }
  return {
    sessionId: row.id,
    staff: { id: row.staff.id, email: row.staff.email, name: row.staff.name },
    memberships: row.staff.memberships.map((m) => ({ orgId: m.org.id, slug: m.org.slug, name: m.org.name, role: m.role })),
  };
}

export async function revokeStaffSession(options: { sessionId: unknown }): Promise<void> {
  const parsed = sessionIdSchema.safeParse(options.sessionId);
  if (!parsed.success) return;
  await db.staffSession.updateMany({ where: { id: parsed.data, revokedAt: null }, data: { revokedAt: new Date() } });
}
