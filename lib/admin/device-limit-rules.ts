// The device-limit setting's shape and words, without server code (the console's form imports them).
import { z } from "zod";
import type { DeviceLimitPolicy } from "@/lib/generated/prisma/enums.ts";

export const DEVICE_LIMIT_MAX = 100;
export const deviceLimitPolicies = ["deny_new", "evict_oldest"] as const satisfies readonly DeviceLimitPolicy[];

export const deviceLimitSettingsSchema = z.strictObject({
  limit: z
    .int()
    .min(1)
    .max(DEVICE_LIMIT_MAX)
    .nullable()
    .meta({ description: `At most this many signed-in devices (browsers) per reader, 1–${DEVICE_LIMIT_MAX}; null: no limit.` }),
  policy: z.enum(deviceLimitPolicies).meta({
    description: "deny_new: a sign-in on one more device is refused (403 device_limit_reached); evict_oldest: the devices signed in longest ago are signed out, and told so on their next page.",
  }),
});
export type DeviceLimitSettings = z.infer<typeof deviceLimitSettingsSchema>;

export const policyLabels: Record<DeviceLimitPolicy, string> = {
  deny_new: "Refuse the new device",
  evict_oldest: "Sign out the oldest device",
};

