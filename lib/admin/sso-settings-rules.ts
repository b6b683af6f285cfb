// The organisation's SSO settings as the console and its API see them, and their bounds.
// No database access here: the settings form (a client component) validates with the same
// schema the API enforces.
import { z } from "zod";
import { ssoModes, type SsoMode } from "@/lib/sso/modes";
import { mailFromSettingSchema } from "@/lib/mail/mailbox";

export const emailVerificationPolicies = ["required", "optional"] as const;
export type EmailVerificationPolicy = (typeof emailVerificationPolicies)[number];

const DAY = 86_400;

export const SSO_SETTINGS_BOUNDS = {
  /** Long enough for a slow mobile network to complete the redirect, short enough to be useless if leaked. */
  ottTtlSeconds: { min: 10, max: 300 },
  /** Below five minutes readers are signed out while reading one article. */
  sessionIdleSeconds: { min: 5 * 60, max: 400 * DAY },
  /** 400 days is the longest lifetime browsers let a cookie have (RFC 6265bis). */
  sessionAbsoluteSeconds: { min: 60 * 60, max: 400 * DAY },
  /** At least a month (an incident is often noticed weeks later); at most ten years. */
  auditRetentionDays: { min: 30, max: 3650 },
} as const;

export type PromptReveal = { email: boolean; name: boolean; site: boolean };

export type SsoSettings = {
  mode: SsoMode;
  ottTtlSeconds: number;
  sessionIdleSeconds: number;
  sessionAbsoluteSeconds: number;
  promptReveal: PromptReveal;
  auditRetentionDays: number;
  /** required: no sign-in until the address is confirmed; optional: signed in at once, a banner until then. */
  emailVerification: EmailVerificationPolicy;
  /** Readers may ask for a sign-in link by mail. */
  emailLinkSignIn: boolean;
  /** The From of the organisation's mail; "" = the server's MAIL_FROM (a site's own From wins over both). */
  mailFrom: string;
  /** Sign-in, registration and password reset on the auth domain's pages, branded per site (lib/sso/hosted-sign-in.ts). */
  hostedSignIn: boolean;
};

function seconds(bounds: { min: number; max: number }) {
  return z.int().min(bounds.min).max(bounds.max);
}

/**
 * PUT /api/orgs/<slug>/sso: `mode` is required, the other settings optional (absent = unchanged).
 * Strict at every level: an unknown field is refused, not ignored — a typo must not look like success.
 */
export const ssoSettingsInputSchema = z.strictObject({
  mode: z.enum(ssoModes, { error: `mode must be one of ${ssoModes.join(", ")}` }),
  ottTtlSeconds: seconds(SSO_SETTINGS_BOUNDS.ottTtlSeconds).optional(),
  sessionIdleSeconds: seconds(SSO_SETTINGS_BOUNDS.sessionIdleSeconds).optional(),
  sessionAbsoluteSeconds: seconds(SSO_SETTINGS_BOUNDS.sessionAbsoluteSeconds).optional(),
  promptReveal: z.strictObject({ email: z.boolean(), name: z.boolean(), site: z.boolean() }).optional(),
  auditRetentionDays: z.int().min(SSO_SETTINGS_BOUNDS.auditRetentionDays.min).max(SSO_SETTINGS_BOUNDS.auditRetentionDays.max).optional(),
  emailVerification: z.enum(emailVerificationPolicies, { error: `emailVerification must be one of ${emailVerificationPolicies.join(", ")}` }).optional(),
  emailLinkSignIn: z.boolean().optional(),
  mailFrom: mailFromSettingSchema.optional(),
  hostedSignIn: z.boolean().optional(),
});

export type SsoSettingsInput = z.infer<typeof ssoSettingsInputSchema>;

/** The settings after applying `changes`; the rule between fields (idle ≤ absolute) is checked on the result. */
export function mergeSsoSettings(current: SsoSettings, changes: SsoSettingsInput): SsoSettings {
  return {
    mode: changes.mode,
    ottTtlSeconds: changes.ottTtlSeconds ?? current.ottTtlSeconds,
    sessionIdleSeconds: changes.sessionIdleSeconds ?? current.sessionIdleSeconds,
    sessionAbsoluteSeconds: changes.sessionAbsoluteSeconds ?? current.sessionAbsoluteSeconds,
    promptReveal: changes.promptReveal ?? current.promptReveal,
    auditRetentionDays: changes.auditRetentionDays ?? current.auditRetentionDays,
    emailVerification: changes.emailVerification ?? current.emailVerification,
    emailLinkSignIn: changes.emailLinkSignIn ?? current.emailLinkSignIn,
    mailFrom: changes.mailFrom ?? current.mailFrom,
    hostedSignIn: changes.hostedSignIn ?? current.hostedSignIn,
  };
}

/** null when consistent, else the message for the admin. */
export function findSettingsConflict(settings: SsoSettings): string | null {
  if (settings.sessionIdleSeconds > settings.sessionAbsoluteSeconds) {
    return "The idle lifetime of a session cannot be longer than its absolute lifetime.";
  }
  return null;
}

export type SettingsChange = { field: string; old: string | number | boolean; new: string | number | boolean };

/** One entry per changed field, in a stable order (the audit log writes one row per entry). */
export function diffSsoSettings(before: SsoSettings, after: SsoSettings): SettingsChange[] {
  const pairs: [string, string | number | boolean, string | number | boolean][] = [
    ["mode", before.mode, after.mode],
    ["ottTtlSeconds", before.ottTtlSeconds, after.ottTtlSeconds],
    ["sessionIdleSeconds", before.sessionIdleSeconds, after.sessionIdleSeconds],
    ["sessionAbsoluteSeconds", before.sessionAbsoluteSeconds, after.sessionAbsoluteSeconds],
    ["promptReveal.email", before.promptReveal.email, after.promptReveal.email],
    ["promptReveal.name", before.promptReveal.name, after.promptReveal.name],
    ["promptReveal.site", before.promptReveal.site, after.promptReveal.site],
    ["auditRetentionDays", before.auditRetentionDays, after.auditRetentionDays],
    ["emailVerification", before.emailVerification, after.emailVerification],
    ["emailLinkSignIn", before.emailLinkSignIn, after.emailLinkSignIn],
    ["mailFrom", before.mailFrom, after.mailFrom],
    ["hostedSignIn", before.hostedSignIn, after.hostedSignIn],
  ];
  return pairs.filter(([, a, b]) => a !== b).map(([field, a, b]) => ({ field, old: a, new: b }));
}

export const modeLabels: Record<SsoMode, string> = { auto_login: "Auto Login", opt_in: "Opt In", disabled: "Disabled" };

/** One line each: what readers experience (shown next to the radio buttons). */
export const modeExplanations: Record<SsoMode, string> = {
  auto_login: "Readers signed in on one of your sites are signed in automatically on the others, with no click.",
  opt_in: "Readers signed in on one site are recognised on the others and offered “Continue as …”; one click signs them in.",
  disabled: "Each site is separate: readers sign in on every site on their own, and no sign-on is shared.",
};

const modeSwitchEffects: Record<SsoMode, string> = {
  auto_login: "From their next request, a reader signed in on any of its sites is signed in on the others automatically, without a click.",
  opt_in: "From their next request, a reader signed in on one of its sites is offered “Continue as …” on the others; nobody is signed in without a click.",
  disabled: "From their next request, each site is separate: readers sign in on every site on their own. Readers already signed in on a site stay signed in there.",
};

/** What the console asks before an organisation-wide mode switch, naming its effect on readers. */
export function describeModeSwitch(options: { orgName: string; to: SsoMode }): { question: string; effect: string; confirmLabel: string } {
  return {
    question: `Switch every reader of ${options.orgName} to ${modeLabels[options.to]}?`,
    effect: `${modeSwitchEffects[options.to]} Sites given a mode of their own on the Sites page keep it.`,
    confirmLabel: `Switch to ${modeLabels[options.to]}`,
  };
}

/** What each verification policy means for readers, and what it costs (shown on the settings form). */
export const emailVerificationExplanations: Record<EmailVerificationPolicy, string> = {
  required:
    "A new reader must open the link we mail before signing in. Registration answers exactly the same whether or not the address already has an account, so nobody can learn who reads your sites.",
  optional:
    "A new reader is signed in at once and sees a banner until they open the link. The trade-off: a registration with an address that already has an account cannot be answered exactly like a new one (the new one is signed in), so someone trying addresses can tell which have accounts.",
};
