// Concurrent-device limits (README, "Concurrent-device limits"): at most N signed-in devices per
// reader in an organisation, and what a sign-in beyond N does — `deny_new` refuses it,
// `evict_oldest` signs the oldest devices out (they are told on their next request).
//
// What a DEVICE is, written once here: a browser, as the product knows it. A signed-in site
// session linked to an SSO token belongs to that token's browser (every site of the organisation
// that browser is signed in on is ONE device); a signed-in session that is not linked (SSO off
// for its site, or no handshake yet) is a device of its own. So a device's id is
// `COALESCE(sso_token_id, id)` of its live signed-in sessions ("live" is lib/sso/live-rows.ts's).
// Counting the SSO tokens alone would miss readers of sites out of SSO; counting sessions would
// make one browser on three sites three devices.
//
// Race safety: every sign-in that may add a device takes a transaction-scoped advisory lock on
// the reader before it counts, so two sign-ins of one reader at once are counted one after the
// other (READ COMMITTED: the second's count, taken after the first commits, sees its session).
// The lock is per reader: other readers' sign-ins never wait.
import type { PoolClient } from "pg";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getPool } from "@/lib/db/pool";
import { preparedStatement, queryPrepared, type Queryable } from "@/lib/db/prepared";
import { ApiError } from "@/lib/errors";
import type { AuthMethod, DeviceLimitPolicy } from "@/lib/generated/prisma/enums.ts";
import { isLiveSiteSession } from "./live-rows";
import { revokeSessions } from "./revoke-sessions";
export { EVICTED_MESSAGE } from "./device-limit-notice";

/** The reader-facing sentences (the site's pages and the sign-in form show them as they are). */
export const deviceLimitMessages = {
  refused: (limit: number) =>
    `You are already signed in on ${limit} device${limit === 1 ? "" : "s"}, the most this account allows. Sign out on one of them (Account › Sign out everywhere else), or reset your password to sign out everywhere, then try again.`,
};

export type DeviceRow = { readerId: string; deviceId: string; firstSignedInAt: Date; lastSeenAt: Date };

/** Each reader's live signed-in devices, oldest sign-in first: the one definition both the limit and the console count with. */
const READER_DEVICES = preparedStatement(
  "reader_devices",
  `SELECT ss.reader_id::text AS "readerId", COALESCE(ss.sso_token_id, ss.id)::text AS "deviceId",
          min(COALESCE(ss.signed_in_at, ss.created_at)) AS "firstSignedInAt", max(ss.last_seen_at) AS "lastSeenAt"
     FROM site_sessions ss JOIN organizations o ON o.id = ss.org_id
    WHERE ss.org_id = $1::uuid AND ss.reader_id = ANY($2::uuid[]) AND ${isLiveSiteSession("ss", "o")}
    GROUP BY ss.reader_id, COALESCE(ss.sso_token_id, ss.id)
    ORDER BY 3, 2`,
);

export async function listReaderDevices(options: { orgId: string; readerIds: string[] }, client: Queryable = getPool()): Promise<DeviceRow[]> {
  if (options.readerIds.length === 0) return [];
  return queryPrepared<DeviceRow>(READER_DEVICES, [options.orgId, options.readerIds], client);
}

/** How many devices each reader has signed in now (the console's Readers page). */
export async function countReaderDevices(options: { orgId: string; readerIds: string[] }): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const row of await listReaderDevices(options)) counts.set(row.readerId, (counts.get(row.readerId) ?? 0) + 1);
  return counts;
}

export type DeviceLimit = { limit: number | null; policy: DeviceLimitPolicy };

const ORG_LIMIT = preparedStatement(
  "org_device_limit",
  `SELECT device_limit AS "limit", device_limit_policy::text AS policy FROM organizations WHERE id = $1::uuid`,
);

export async function getDeviceLimit(orgId: string, client: Queryable = getPool()): Promise<DeviceLimit> {
  const rows = await queryPrepared<DeviceLimit>(ORG_LIMIT, [orgId], client);
  return rows[0] ?? { limit: null, policy: "evict_oldest" };
}

/** Serialises the device-limit decisions of ONE reader (transaction-scoped: released at commit or rollback). */
const LOCK_READER = preparedStatement("lock_reader_devices", `SELECT pg_advisory_xact_lock(hashtextextended('device_limit:' || $1, 0))`);

/** The device a site session belongs to now (its SSO token, or itself), or null for a session not yet created. */
const DEVICE_OF_SESSION = preparedStatement(
  "device_of_session",
  `SELECT COALESCE(sso_token_id, id)::text AS "deviceId" FROM site_sessions WHERE id = $1::uuid`,
);

/**
 * Called inside the sign-in's transaction (lib/sso/complete-sign-in.ts), before the session is
 * signed in: makes room for the device of `sessionId` (null: a session this sign-in creates, so a
 * new device) or refuses it. Throws ApiError `device_limit_reached` under deny_new (the
 * transaction rolls back: nothing is signed in). A completed password reset is never refused: it
 * ends every other device of the reader right after (lib/account/password-reset.ts), which is how
 * a reader whose slots were filled by someone else gets back in.
 */
export async function enforceDeviceLimit(
  tx: PoolClient,
  options: { orgId: string; readerId: string; sessionId: string | null; siteId: string; method: AuthMethod; ip?: string | null },
): Promise<{ evicted: number }> {
  const { limit, policy } = await getDeviceLimit(options.orgId, tx);
  if (limit === null || options.method === "password_reset") return { evicted: 0 };
  await queryPrepared(LOCK_READER, [options.readerId], tx);
  const current = options.sessionId ? (await queryPrepared<{ deviceId: string }>(DEVICE_OF_SESSION, [options.sessionId], tx))[0]?.deviceId ?? null : null;
  const others = (await listReaderDevices({ orgId: options.orgId, readerIds: [options.readerId] }, tx)).filter((d) => d.deviceId !== current);
  if (others.length < limit) return { evicted: 0 };

  const audit = { orgId: options.orgId, readerId: options.readerId, siteId: options.siteId, ip: options.ip ?? null };
  if (policy === "deny_new") {
    // Recorded outside the refused transaction (which rolls back), so the refusal stays in the log.
    await recordAuditEvent({ ...audit, type: "reader.device_limit_refused", data: { limit, devices: others.length, method: options.method } });
    throw new ApiError("device_limit_reached", deviceLimitMessages.refused(limit));
  }
  const oldest = others.slice(0, others.length - limit + 1).map((d) => d.deviceId);
  const revoked = await revokeSessions({ scope: "device_limit", orgId: options.orgId, readerId: options.readerId, deviceIds: oldest }, tx);
  await recordAuditEvent({ ...audit, type: "reader.device_evicted", data: { limit, evictedDevices: oldest.length, revokedSessions: revoked.sessions.length, method: options.method } }, tx);
  return { evicted: oldest.length };
}
