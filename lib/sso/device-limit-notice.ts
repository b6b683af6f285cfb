// The evicted device's side of the device limit (lib/sso/device-limit.ts): its next request finds
// its cookie's session revoked with reason 'device_limit', and its next page says so. Kept apart
// from device-limit.ts because the proxy loads it (scripts/count-proxy-modules.ts: the proxy
// imports only what routing needs).
import { preparedStatement, queryPrepared } from "@/lib/db/prepared";

export const EVICTED_MESSAGE =
  "You were signed out on this device because your account signed in on another one, and it may be signed in on only a limited number of devices at once. Sign in again to continue here.";

const EVICTED_SESSION = preparedStatement(
  "evicted_session",
  `SELECT 1 AS evicted FROM site_sessions WHERE secret_hash = $1 AND site_id = $2::uuid AND revoke_reason = 'device_limit'`,
);

/**
 * Whether the session behind a cookie that no longer finds a live session was ended by the device
 * limit: asked only on that rare path (a dead cookie), so a normal request pays nothing. The
 * revoked row stays until the purge deletes it, so the browser is told on its next request even
 * days later.
 */
export async function wasEvictedByDeviceLimit(options: { sessionHash: Uint8Array; siteId: string }): Promise<boolean> {
  const rows = await queryPrepared<{ evicted: number }>(EVICTED_SESSION, [options.sessionHash, options.siteId]);
  return rows.length > 0;
}
