// The admin console's SSO API (design §5: GET|PUT /api/orgs/<org slug>/sso), as a contract.
// The handlers are built in the admin console's own branch (issue 5); this schema is what the
// API document describes and what they are meant to import, so the document and the handler
// cannot drift apart. Bounds follow the console's settings form.
import { z } from "zod";
import { ssoModes } from "@/lib/sso/modes";

const DAY = 86_400;

export const ADMIN_SSO_SETTINGS_BOUNDS = {
  /** Long enough for a slow mobile network to complete the redirect, short enough to be useless if leaked. */
  ottTtlSeconds: { min: 10, max: 300 },
  /** Below five minutes readers are signed out while reading one article. */
  sessionIdleSeconds: { min: 5 * 60, max: 400 * DAY },
  /** 400 days is the longest lifetime browsers let a cookie have (RFC 6265bis). */
  sessionAbsoluteSeconds: { min: 60 * 60, max: 400 * DAY },
} as const;

function seconds(bounds: { min: number; max: number }, description: string) {
  return z.int().min(bounds.min).max(bounds.max).meta({ description });
}

export const promptRevealSchema = z
  .strictObject({ email: z.boolean(), name: z.boolean(), site: z.boolean() })
  .meta({ description: "What the Opt In prompt may show about the other sign-on: the masked email, the display name, the site name." });

const modeField = z.enum(ssoModes, { error: `mode must be one of ${ssoModes.join(", ")}` }).meta({
  description: "auto_login: signed in everywhere at once; opt_in: recognised, one click to continue; disabled: no shared sign-on.",
});

/** PUT body: `mode` is required, the rest optional (absent = unchanged). Strict: an unknown field is refused, not ignored. */
export const adminSsoSettingsInputSchema = z.strictObject({
  mode: modeField,
  ottTtlSeconds: seconds(ADMIN_SSO_SETTINGS_BOUNDS.ottTtlSeconds, "Lifetime of a one-time token.").optional(),
  sessionIdleSeconds: seconds(ADMIN_SSO_SETTINGS_BOUNDS.sessionIdleSeconds, "A site session unused this long ends.").optional(),
  sessionAbsoluteSeconds: seconds(ADMIN_SSO_SETTINGS_BOUNDS.sessionAbsoluteSeconds, "A site session ends this long after it started, whatever its use.").optional(),
  promptReveal: promptRevealSchema.optional(),
});
export type AdminSsoSettingsInput = z.infer<typeof adminSsoSettingsInputSchema>;

/** GET answer (and PUT answer, after the change): the organisation's settings in force. */
export const adminSsoSettingsSchema = z.object({
  mode: modeField,
  ottTtlSeconds: z.int(),
  sessionIdleSeconds: z.int(),
  sessionAbsoluteSeconds: z.int(),
  promptReveal: promptRevealSchema,
});
export type AdminSsoSettings = z.infer<typeof adminSsoSettingsSchema>;

export const adminOrgParamsSchema = z.object({ orgSlug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/).meta({ description: "The organisation's slug, e.g. acme." }) });
