// Zephr's request and answer bodies for the sign-in and identity operations (its Public API
// reference, 2025-07-30: https://developer.zuora.com/zephr-api-reference/zephr-public-api/),
// and how each maps onto the product's own input. Shapes only: every rule is the product's.
import { z } from "zod";
import { emailSchema } from "@/lib/auth/field-messages";
import { FIELD_LIMITS } from "@/lib/account/field-limits";

/** `identifiers`: Zephr names the address `email_address`; it is the only identifier served here. */
const identifiersSchema = z.strictObject({ email_address: emailSchema }).meta({ description: "Who: Zephr's identifiers; `email_address` is the one served." });
const passwordSchema = z.string().min(1, "Enter your password.").max(FIELD_LIMITS.password.max);

/** POST /blaize/login: a password sign-in, or `validators.use_sso` with NO identifiers (the user comes from the SSO token). */
export const zephrLoginBodySchema = z
  .union([
    z.strictObject({ identifiers: identifiersSchema, validators: z.strictObject({ password: passwordSchema }) }),
    z.strictObject({ validators: z.strictObject({ use_sso: z.literal(true) }) }),
  ])
  .meta({ description: "`{identifiers: {email_address}, validators: {password}}`, or `{validators: {use_sso: true}}` with no identifiers." });
export type ZephrLoginBody = z.infer<typeof zephrLoginBodySchema>;

/**
 * POST /blaize/register. `attributes` are the reader's profile in Zephr; the product keeps a
 * display name only: `name`, else `first-name` and `last-name` joined. Other attributes are
 * accepted and not stored (docs/zephr-compat.md).
 */
export const zephrRegisterBodySchema = z.strictObject({
  identifiers: identifiersSchema,
  validators: z.strictObject({ password: z.string().max(FIELD_LIMITS.password.max) }),
  attributes: z.record(z.string().max(128), z.unknown()).optional(),
});
export type ZephrRegisterBody = z.infer<typeof zephrRegisterBodySchema>;

/** The product's registration input (lib/auth/register-reader.ts's registrationSchema) from Zephr's body. */
export function registrationInputOf(body: ZephrRegisterBody): { email: string; password: string; name?: string } {
  const text = (key: string) => (typeof body.attributes?.[key] === "string" ? (body.attributes[key] as string).trim() : "");
  const name = text("name") || [text("first-name"), text("last-name")].filter(Boolean).join(" ");
  return { email: body.identifiers.email_address, password: body.validators.password, ...(name ? { name } : {}) };
}

/** POST /blaize/users/reset and POST /blaize/token-exchange: the address to mail. `delivery` (Zephr's mail options) is accepted and unused. */
export const zephrStartByMailBodySchema = z.strictObject({
  identifiers: identifiersSchema,
  delivery: z.record(z.string().max(128), z.unknown()).optional(),
});

/** POST /blaize/users/reset/{state}: the new password. */
export const zephrResetCompleteBodySchema = z.strictObject({
  identifiers: identifiersSchema.optional(),
  validators: z.strictObject({ password: z.string({ error: "Enter a new password." }).max(FIELD_LIMITS.password.max) }),
});
export const zephrResetStateSchema = z.object({ state: z.string().min(1).max(200).meta({ description: "The token of the emailed reset link (its `token` parameter)." }) });

/** GET /blaize/token-exchange?token=… — the emailed sign-in link's token. */
export const zephrTokenExchangeQuerySchema = z.object({ token: z.string().min(1).max(200) });

/** A sign-in or registration answer: Zephr's `{cookie, message, tracking_id}`. */
export const zephrSignedInResponseSchema = z.object({
  cookie: z.string().meta({ description: "The session cookie this answer set, its value withheld (docs/zephr-compat.md, \"The blaize_session cookie\")." }),
  message: z.string().meta({ description: "`Login successful` or `Registration successful`." }),
  tracking_id: z.string().meta({ description: "The reader's id." }),
});

/** Answers that carry only Zephr's `message`. */
export const zephrMessageResponseSchema = z.object({ message: z.string() });

/** PUT /zephr/public/sso/v1/status/meta's answer: the customer meta as stored. */
export const zephrMetaResponseSchema = z.object({ meta: z.record(z.string(), z.unknown()) });

/** The product's `/api` messages are sentences; Zephr's success `message`s are these fixed strings. */
export const ZEPHR_MESSAGES = {
  login: "Login successful",
  registration: "Registration successful",
  logout: "Session deleted",
  passwordReset: "Your password is changed, and you are signed in. Every other device was signed out.",
  /** Registration that did not sign in (the check-email page's words): a new address to confirm, or one that already has an account. */
  checkEmail: "We sent a message to the address you entered. Open it to continue.",
} as const;

/** DELETE /zephr/public/sessions/v1/sessions/{sessionId}: Zephr's ids are opaque strings; ours are uuids. */
export const zephrSessionParamsSchema = z.object({ sessionId: z.uuid().meta({ description: "A session id from the sessions list (`session_id`)." }) });
