// GET /zephr/public/sso/v1/status — Zephr's answer is {status, meta}, with `meta` the customer
// meta stored on the SSO token (PUT …/status/meta). The status itself is the product's one rule
// (lib/sso/sso-status.ts); this only reshapes it.
import { z } from "zod";
import { ssoStatuses, type SsoStatusBody } from "@/lib/sso/sso-status";

export const zephrSsoStatusBodySchema = z
  .object({
    status: z.enum(ssoStatuses).meta({
      description:
        "unknown: not linked to an SSO token, or the token is authenticated nowhere. known: anonymous here, signed in on another site. authenticated: signed in here through the SSO token.",
    }),
    meta: z.record(z.string(), z.unknown()).meta({ description: "The customer meta on the SSO token (PUT /zephr/public/sso/v1/status/meta); {} when none." }),
  })
  .meta({ description: "Zephr's SSO status answer." });
export type ZephrSsoStatusBody = z.infer<typeof zephrSsoStatusBodySchema>;

export function toZephrSsoStatus(body: SsoStatusBody): ZephrSsoStatusBody {
  return { status: body.status, meta: body.meta.reader };
}
