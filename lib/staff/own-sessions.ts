// A staff member's own console sessions (each signed-in browser): listed on their account page
// and revocable one by one. Only their own: the UPDATE names the staff member.
import { z } from "zod";
import { db } from "@/lib/db/client";
import { ApiError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { LIVE_STAFF_SESSION, revokeSessionOfStaff } from "@/lib/admin/staff-sessions";
import { staffOrgIds } from "./staff-orgs";

export const ownSessionParamsSchema = z.object({ sessionId: z.uuid() });
export const revokeOwnSessionResponseSchema = z.object({ revoked: z.literal(true), current: z.boolean() });

export type OwnStaffSession = { id: string; ip: string | null; userAgent: string | null; createdAt: Date; lastSeenAt: Date; secondFactor: boolean; current: boolean };

export async function listOwnStaffSessions(options: { staffId: string; currentSessionId: string }): Promise<OwnStaffSession[]> {
  const rows = await db.$queryRaw<{ id: string; ip: string | null; user_agent: string | null; created_at: Date; last_seen_at: Date; second_factor: boolean }[]>`
    SELECT ss.id::text AS id, ss.ip, ss.user_agent, ss.created_at, ss.last_seen_at, ss.second_factor_at IS NOT NULL AS second_factor
      FROM staff_sessions ss
     WHERE ss.staff_id = ${options.staffId}::uuid AND ${LIVE_STAFF_SESSION}
     ORDER BY ss.last_seen_at DESC`;
  return rows.map((r) => ({
    id: r.id,
    ip: r.ip,
    userAgent: r.user_agent,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    secondFactor: r.second_factor,
    current: r.id === options.currentSessionId,
  }));
}

export async function revokeOwnStaffSession(options: { staffId: string; sessionId: string; currentSessionId: string; ip: string }): Promise<z.infer<typeof revokeOwnSessionResponseSchema>> {
  // Another staff member's session id is answered like one that does not exist.
  if (!(await revokeSessionOfStaff({ staffId: options.staffId, sessionId: options.sessionId }))) throw new ApiError("not_found", "No such session of yours.");
  for (const orgId of await staffOrgIds(options.staffId)) {
    await recordAuditEvent({ orgId, type: "staff.session_revoked", actorStaffId: options.staffId, ip: options.ip, data: { current: options.sessionId === options.currentSessionId } });
  }
  return { revoked: true, current: options.sessionId === options.currentSessionId };
}
