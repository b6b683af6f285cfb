// Identity › Settings, section "Devices per reader": the organisation's concurrent-device limit
// (lib/sso/device-limit.ts enforces it). Its own small endpoint and form, apart from the SSO
// settings, so that the two change (and are audited) independently.
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runTransaction } from "@/lib/db/transaction";
import { ApiError } from "@/lib/errors";
import type { DeviceLimitPolicy } from "@/lib/generated/prisma/enums.ts";
import type { DeviceLimitSettings } from "./device-limit-rules";

export { deviceLimitSettingsSchema, type DeviceLimitSettings } from "./device-limit-rules";

type Row = { device_limit: number | null; device_limit_policy: DeviceLimitPolicy };

export async function getDeviceLimitSettings(options: { orgId: string }): Promise<DeviceLimitSettings> {
  return runTransaction(async (tx) => {
    const rows = await tx.$queryRaw<Row[]>`SELECT device_limit, device_limit_policy::text AS device_limit_policy FROM organizations WHERE id = ${options.orgId}::uuid`;
    const row = rows[0];
    if (!row) throw new ApiError("not_found", "No such organisation.");
    return { limit: row.device_limit, policy: row.device_limit_policy };
  });
}

/** One transaction: the row locked (two admins saving at once record a true old → new), updated, audited. */
export async function updateDeviceLimitSettings(options: { orgId: string; actorStaffId: string; settings: DeviceLimitSettings; ip?: string | null }): Promise<DeviceLimitSettings> {
  return runTransaction(async (tx) => {
    const rows = await tx.$queryRaw<Row[]>`SELECT device_limit, device_limit_policy::text AS device_limit_policy FROM organizations WHERE id = ${options.orgId}::uuid FOR UPDATE`;
    const row = rows[0];
    if (!row) throw new ApiError("not_found", "No such organisation.");
    const before: DeviceLimitSettings = { limit: row.device_limit, policy: row.device_limit_policy };
    const after = options.settings;
    if (before.limit === after.limit && before.policy === after.policy) return before;
    await tx.$executeRaw`UPDATE organizations SET device_limit = ${after.limit}::int, device_limit_policy = ${after.policy}::"DeviceLimitPolicy", updated_at = now() WHERE id = ${options.orgId}::uuid`;
    await recordAuditEvent({ orgId: options.orgId, type: "sso.device_limit_changed", actorStaffId: options.actorStaffId, ip: options.ip ?? null, data: { from: before, to: after } }, tx);
    return after;
  });
}
