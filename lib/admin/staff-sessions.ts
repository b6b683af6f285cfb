// Staff sessions on the admin console, as a handful of verbs: create (at sign-in), validate
// (every request: the session row, the staff member and their memberships, fresh from
// Postgres), revoke (sign-out). next-auth's JWT is encrypted with AUTH_SECRET and carries only
// the session id, so it cannot be forged; the row decides whether it is still good, so a
// sign-out, a revoked role or a deleted staff member takes effect on the next request on every
// instance.
import { z } from "zod";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { secondFactorStep, policyRequiresSecondFactor, type SecondFactorStep, type StaffTwoFactorPolicy } from "@/lib/staff/two-factor-policy";
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
  | { sessionId: string; staff: StaffIdentity; memberships: OrgMembership[]; /** What the session must still pass (lib/staff/two-factor-policy.ts). */ secondFactor: SecondFactorStep }
  | { sessionId: null; staff: null; memberships: []; secondFactor: null };

export const NO_STAFF_SESSION: StaffSession = { sessionId: null, staff: null, memberships: [], secondFactor: null };

/** A staff session that still counts: not revoked, within its absolute and idle lifetimes (alias `ss`). */
export const LIVE_STAFF_SESSION = Prisma.sql`ss.revoked_at IS NULL AND ss.expires_at > now()
         AND ss.last_seen_at > now() - make_interval(secs => ${STAFF_SESSION_IDLE_SECONDS}::int)`;

const sessionIdSchema = z.uuid();

// Every time here is the database's: the session's expiry, last use and revocation are stored
// and judged on one clock, whichever instance serves the request.
export async function createStaffSession(options: { staffId: string; ip: string; userAgent: string | null }): Promise<{ id: string }> {
  // Housekeeping: this staff member's dead sessions go when a new one starts (a handful per person).
  await db.$executeRaw`DELETE FROM staff_sessions WHERE staff_id = ${options.staffId}::uuid AND (expires_at < now() OR revoked_at IS NOT NULL)`;
  const [created] = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO staff_sessions (staff_id, ip, user_agent, expires_at)
    VALUES (${options.staffId}::uuid, ${options.ip}, ${options.userAgent?.slice(0, 512) ?? null}, now() + make_interval(secs => ${STAFF_SESSION_ABSOLUTE_SECONDS}::int))
    RETURNING id::text AS id`;
  if (!created) throw new Error("INSERT … RETURNING returned no row");
  return created;
}

type ValidatedRow = {
  id: string;
  staff_id: string;
  email: string;
  name: string;
  memberships: OrgMembership[];
  policies: { policy: StaffTwoFactorPolicy; role: StaffRole }[];
  enrolled: boolean;
  verified: boolean;
};

// One round trip: the live session (its last use refreshed at most once a minute, as the site
// context does for readers), who it is, and their memberships now.
export async function validateStaffSession(options: { sessionId: unknown }): Promise<StaffSession> {
  const parsed = sessionIdSchema.safeParse(options.sessionId);
  if (!parsed.success) return NO_STAFF_SESSION;
  const [row] = await db.$queryRaw<ValidatedRow[]>`
    WITH live AS (
      SELECT id, staff_id, last_seen_at, second_factor_at FROM staff_sessions ss
       WHERE id = ${parsed.data}::uuid AND ${LIVE_STAFF_SESSION}
    ), touched AS (
      UPDATE staff_sessions ss SET last_seen_at = now()
        FROM live WHERE ss.id = live.id AND ss.revoked_at IS NULL AND live.last_seen_at < now() - make_interval(secs => ${TOUCH_INTERVAL_SECONDS}::int)
      RETURNING ss.id
    )
    SELECT live.id::text AS id, st.id::text AS staff_id, st.email, st.name,
           COALESCE((SELECT json_agg(json_build_object('orgId', o.id, 'slug', o.slug, 'name', o.name, 'role', m.role) ORDER BY o.name)
                       FROM staff_memberships m JOIN organizations o ON o.id = m.org_id
                      WHERE m.staff_id = st.id), '[]'::json) AS memberships,
           COALESCE((SELECT json_agg(json_build_object('policy', o.staff_two_factor, 'role', m.role))
                       FROM staff_memberships m JOIN organizations o ON o.id = m.org_id
                      WHERE m.staff_id = st.id), '[]'::json) AS policies,
           st.totp_enabled_at IS NOT NULL AS enrolled, live.second_factor_at IS NOT NULL AS verified
      FROM live JOIN staff st ON st.id = live.staff_id`;
  if (!row) return NO_STAFF_SESSION;
  const required = row.policies.some((p) => policyRequiresSecondFactor(p.policy, p.role));
  return {
    sessionId: row.id,
    staff: { id: row.staff_id, email: row.email, name: row.name },
    memberships: row.memberships,
    secondFactor: secondFactorStep({ enrolled: row.enrolled, required, verifiedThisSession: row.verified }),
  };
}

/** Ends one session of `staffId` (theirs only: another's id changes nothing); whether it was live. */
export async function revokeSessionOfStaff(options: { staffId: string; sessionId: string }): Promise<boolean> {
  const revoked = await db.$executeRaw`
    UPDATE staff_sessions SET revoked_at = now()
     WHERE id = ${options.sessionId}::uuid AND staff_id = ${options.staffId}::uuid AND revoked_at IS NULL`;
  return revoked === 1;
}

/** Ends every session of a staff member inside `tx` (a new password: whoever knew the old one is out). */
export async function revokeAllSessionsOfStaff(tx: Prisma.TransactionClient, staffId: string): Promise<void> {
  await tx.$executeRaw`UPDATE staff_sessions SET revoked_at = now() WHERE staff_id = ${staffId}::uuid AND revoked_at IS NULL`;
}

export async function revokeStaffSession(options: { sessionId: unknown }): Promise<void> {
  const parsed = sessionIdSchema.safeParse(options.sessionId);
  if (!parsed.success) return;
  await db.$executeRaw`UPDATE staff_sessions SET revoked_at = now() WHERE id = ${parsed.data}::uuid AND revoked_at IS NULL`;
}
