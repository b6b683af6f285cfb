// Zephr's sessions endpoints (/zephr/public/sessions/v1/sessions…) as views of the product's
// own sessions list (lib/account/own-sessions.ts). Zephr lists "the sessions of the current user
// and site": the product's list, filtered to this site. Zephr documents no body for the list;
// this one names each session in Zephr's snake_case.
import { z } from "zod";
import type { OwnSessions } from "@/lib/account/own-sessions";

export const zephrSessionsResponseSchema = z.object({
  sessions: z.array(
    z.object({
      session_id: z.uuid(),
      device: z.string().meta({ description: "Browser and system, e.g. \"Chrome on Android\"." }),
      device_kind: z.enum(["phone", "tablet", "computer"]).nullable(),
      last_seen: z.iso.datetime(),
      created: z.iso.datetime().nullable().meta({ description: "When it was signed in." }),
      current: z.boolean().meta({ description: "The session of this request." }),
    }),
  ),
});
export type ZephrSessions = z.infer<typeof zephrSessionsResponseSchema>;

export function toZephrSessions(own: OwnSessions, siteId: string): ZephrSessions {
  return {
    sessions: own.sessions
      .filter((s) => s.site.id === siteId)
      .map((s) => ({ session_id: s.id, device: s.device.label, device_kind: s.device.kind, last_seen: s.lastSeenAt, created: s.signedInAt, current: s.thisOne })),
  };
}
