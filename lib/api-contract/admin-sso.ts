// The admin console's JSON API (design §5 and the console's own endpoints), as the API document
// shows it. Request bodies are the handlers' own schemas (lib/admin); the answers are the
// console's TypeScript types written as zod here, and the compile-time checks at the end fail
// the build when a type and its schema drift apart.
import { z } from "zod";
import type { AdminSite } from "@/lib/admin/sites";
import type { RevokeResult } from "@/lib/admin/readers";
import type { SsoSettings } from "@/lib/admin/sso-settings-rules";
import { ssoModes } from "@/lib/sso/modes";

export { ssoSettingsInputSchema as adminSsoSettingsInputSchema } from "@/lib/admin/sso-settings-rules";
export { siteSsoInputSchema as adminSiteSsoInputSchema } from "@/lib/admin/sites";

const modeSchema = z.enum(ssoModes).meta({
  description: "auto_login: signed in everywhere at once; opt_in: recognised, one click to continue; disabled: no shared sign-on.",
});

export const adminSsoSettingsSchema = z.object({
  mode: modeSchema,
  ottTtlSeconds: z.int(),
  sessionIdleSeconds: z.int(),
  sessionAbsoluteSeconds: z.int(),
  promptReveal: z.object({ email: z.boolean(), name: z.boolean(), site: z.boolean() }),
  auditRetentionDays: z.int().meta({ description: "How long the organisation's audit events are kept, in days (30–3650)." }),
  emailVerification: z.enum(["required", "optional"]).meta({ description: "required: no sign-in until the address is confirmed by mail; optional: signed in at once, a banner until confirmed." }),
  emailLinkSignIn: z.boolean().meta({ description: "Readers may sign in with a link sent by mail." }),
  mailFrom: z.string().meta({ description: "The From of the organisation's mail, an RFC 5322 mailbox (`Name <addr@domain>`); empty: the server's MAIL_FROM." }),
  hostedSignIn: z.boolean().meta({ description: "Sign-in, registration, password reset and Opt In's Continue on the auth domain's pages (branded per site) instead of each site's; readers then interact with the auth domain, which browsers' bounce-tracking protections require." }),
});

export const adminSiteSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  hostnames: z.array(z.object({ hostname: z.string(), isPrimary: z.boolean() })).meta({ description: "Empty for an external site." }),
  callbackUrl: z.string(),
  ssoEnabled: z.boolean().meta({ description: "The kill switch: false takes the site out of SSO whatever the modes say." }),
  ssoModeOverride: modeSchema.nullable().meta({ description: "null: the site follows the organisation's mode." }),
  effectiveMode: modeSchema.meta({ description: "What the site's readers get now." }),
  mailFrom: z.string().meta({ description: "The From of this site's mail; empty: the organisation's, then the server's MAIL_FROM." }),
});

export const adminSitesResponseSchema = z.object({ sites: z.array(adminSiteSchema) });

export const revokeResultSchema = z.object({ revokedSessions: z.int().min(0), revokedTokens: z.int().min(0) });

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);
export const adminOrgParamsSchema = z.object({ orgSlug: slug.meta({ description: "The organisation's slug, e.g. acme." }) });
export const adminSiteParamsSchema = adminOrgParamsSchema.extend({ siteSlug: slug.meta({ description: "The site's slug within the organisation." }) });
export const adminSiteSessionParamsSchema = adminOrgParamsSchema.extend({ sessionId: z.uuid() });
export const adminSsoTokenParamsSchema = adminOrgParamsSchema.extend({ tokenId: z.uuid() });
export const adminReaderParamsSchema = adminOrgParamsSchema.extend({ readerId: z.uuid() });

// Compile-time: each schema describes exactly its TypeScript type (both directions).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const checks: [Same<z.infer<typeof adminSsoSettingsSchema>, SsoSettings>, Same<z.infer<typeof adminSiteSchema>, AdminSite>, Same<z.infer<typeof revokeResultSchema>, RevokeResult>] = [true, true, true];
void checks;
