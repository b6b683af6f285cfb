// Every public endpoint of the product, described from the zod schemas its handler uses (the
// schemas live next to their rules in lib/; this file only says which schema goes where). The
// OpenAPI document (openapi-document.ts) is generated from this list, the request logs and
// metrics name routes by its path templates (route-match.ts, through a generated list:
// scripts/generate-route-templates.ts), and a test walks app/**/route.ts to fail when a route
// exists that is not listed here, or the other way round.
import { z } from "zod";
import { changePasswordBodySchema, changePasswordResponseSchema } from "@/lib/account/change-password";
import { confirmEmailChangeBodySchema, confirmEmailChangeResponseSchema, requestEmailChangeBodySchema, requestEmailChangeResponseSchema } from "@/lib/account/change-email";
import { adminMailParamsSchema, retryMailResponseSchema } from "@/lib/admin/outbox";
import { readerMailBodySchema, readerMailResponseSchema } from "@/lib/admin/reader-mail-actions";
import { confirmEmailBodySchema, confirmEmailResponseSchema, resendVerificationResponseSchema } from "@/lib/account/email-verification-api";
import {
  passwordResetCompleteResponseSchema,
  passwordResetCompleteSchema,
  passwordResetRequestResponseSchema,
  passwordResetRequestSchema,
} from "@/lib/account/password-reset";
import {
  signInLinkCompleteResponseSchema,
  signInLinkCompleteSchema,
  signInLinkRequestResponseSchema,
  signInLinkRequestSchema,
} from "@/lib/account/email-link-sign-in";
import { revokeSessionParamsSchema, revokeSessionResponseSchema, withdrawConsentParamsSchema, withdrawConsentResponseSchema } from "@/lib/account/revoke-own-session";
import {
  credentialsFormSchema,
  csrfResponseSchema,
  nextAuthRedirectResponseSchema,
  checkEmailResponseSchema,
  nextAuthSessionResponseSchema,
  registerFormSchema,
  signOutFormSchema,
} from "@/lib/auth/next-auth-contract";
import type { ErrorCode } from "@/lib/errors";
import { healthBodySchema, readinessBodySchema } from "@/lib/observability/readiness";
import { dismissPromptResponseSchema } from "@/lib/sso/dismiss-prompt";
import { exchangeBodySchema } from "@/lib/sso/external/exchange-one-time-token";
import {
  externalLoginRequestSchema,
  externalLogoutRequestSchema,
  externalLogoutResponseSchema,
  externalSessionBodySchema,
  externalStatusRequestSchema,
} from "@/lib/sso/external/external-session";
import { useSsoBodySchema } from "@/lib/sso/login-with-sso";
import { logoutBodySchema, logoutResponseSchema } from "@/lib/sso/logout";
import { handshakeQuerySchema } from "@/lib/sso/mint-one-time-token";
import { callbackQuerySchema } from "@/lib/sso/redeem-one-time-token";
import { ssoStatusBodySchema } from "@/lib/sso/sso-status";
import { readerMetaResponseSchema, readerMetaSchema } from "@/lib/sso/update-reader-meta";
import {
  adminOrgParamsSchema,
  adminReaderParamsSchema,
  adminSiteParamsSchema,
  adminSiteSchema,
  adminSiteSessionParamsSchema,
  adminSitesResponseSchema,
  adminSiteSsoInputSchema,
  adminSsoSettingsInputSchema,
  adminSsoSettingsSchema,
  adminSsoTokenParamsSchema,
  revokeResultSchema,
} from "./admin-sso";
import { errorBodySchema } from "./error-body";
import { apiTokenListSchema, apiTokenParamsSchema, apiTokenSchema, createApiTokenBodySchema, createdApiTokenSchema } from "@/lib/admin/api-tokens";
import { auditExportQuerySchema } from "@/lib/admin/audit-export";
import {
  externalSitesResponseSchema,
  registerExternalSiteBodySchema,
  registeredExternalSiteSchema,
  rotateSecretBodySchema,
  rotatedSecretSchema,
} from "@/lib/admin/external-sites";
import { createWebhookBodySchema, createdWebhookSchema, deletedWebhookSchema, webhookListSchema, webhookParamsSchema } from "@/lib/webhooks/webhooks";

/** Which hosts serve an endpoint. `any`: every host, known or not (probes and scrapes). */
export type HostKind = "site" | "auth-domain" | "admin" | "any";

export type SecurityName = "siteSession" | "ssoTokenCookie" | "externalClient" | "metricsToken" | "staffSession" | "apiToken";

type Schema = z.ZodType;

export type ResponseSpec =
  | { description: string; json: Schema; headers?: Record<string, string> }
  | { description: string; errors: ErrorCode[]; headers?: Record<string, string> }
  | { description: string; redirect: true }
  | { description: string; html: true }
  | { description: string; text: string };

export type Operation = {
  operationId: string;
  hosts: HostKind[];
  method: "get" | "post" | "put" | "patch" | "delete";
  /** OpenAPI path template: `{name}` for a dynamic segment. */
  path: string;
  tag: Tag;
  summary: string;
  description?: string;
  /** Alternatives (any one suffices). Absent: no credentials. */
  security?: SecurityName[];
  pathParams?: z.ZodObject;
  query?: z.ZodObject;
  body?: { schema: Schema; contentType: "application/json" | "application/x-www-form-urlencoded"; required: boolean };
  responses: Record<number, ResponseSpec>;
};

const openApiDocumentSchema = z.looseObject({ openapi: z.literal("3.1.0"), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) });

export const tags = {
  handshake: "Handshake (browser redirects)",
  site: "Site API (same-origin, for the site's own pages)",
  nextAuth: "Sign-in (next-auth)",
  account: "Reader account",
  external: "External sites (server-to-server)",
  admin: "Admin console API",
  operations: "Operations",
} as const;
export type Tag = keyof typeof tags;

const sameOrigin =
  "State-changing: the request must come from the site's own origin (Origin header, or Sec-Fetch-Site: same-origin); anything else is refused with 403 csrf_failed.";
const clientAuth =
  "Authenticated with the external site's client credentials (HTTP Basic: client id and secret). Called by the site's backend, never by a browser: no cookie is read and no CORS header is sent.";

const commonSiteErrors = { 404: { description: "Not a site of this app.", errors: ["unknown_host", "unknown_site"] } } satisfies Record<number, ResponseSpec>;
const jsonBodyErrors = {
  400: { description: "Invalid JSON, unknown field or wrong shape.", errors: ["invalid_json", "validation_failed"] },
  413: { description: "Body too large.", errors: ["payload_too_large"] },
  415: { description: "Not application/json.", errors: ["unsupported_media_type"] },
} satisfies Record<number, ResponseSpec>;
const externalErrors = {
  400: { description: "Invalid JSON, unknown field or wrong shape.", errors: ["invalid_json", "validation_failed"] },
  401: { description: "Wrong, missing or foreign client credentials.", errors: ["invalid_client"], headers: { "WWW-Authenticate": 'Basic realm="sso", charset="UTF-8"' } },
  413: { description: "Body too large.", errors: ["payload_too_large"] },
  415: { description: "Not application/json.", errors: ["unsupported_media_type"] },
  429: { description: "Too many failed client authentications from this address.", errors: ["rate_limited"] },
} satisfies Record<number, ResponseSpec>;

export const operations: Operation[] = [
  // --- handshake -----------------------------------------------------------------------
  {
    operationId: "startHandshake",
    hosts: ["auth-domain"],
    method: "get",
    path: "/sso/handshake",
    tag: "handshake",
    summary: "Mint a one-time token and send the browser to the site's registered callback",
    description:
      "A top-level browser navigation started by a site (design §3). Finds or creates this browser's SSO token (cookie on the auth domain), mints an OTT bound to the site, its organisation and the state nonce, and redirects to the callback URL REGISTERED for the site — never to a URL from the query. External sites start it the same way. Errors are plain HTML pages, never redirects.",
    security: ["ssoTokenCookie"],
    query: handshakeQuerySchema,
    responses: {
      302: { description: "To `<registered callback>?ott=…&state=…` (sets the SSO token cookie when new).", redirect: true },
      400: { description: "Malformed query.", html: true },
      403: { description: "SSO is disabled for this site.", html: true },
      404: { description: "Unknown site, or a site of another organisation.", html: true },
      429: { description: "Too many handshakes from this address or browser.", html: true },
    },
  },
  {
    operationId: "completeHandshake",
    hosts: ["site"],
    method: "get",
    path: "/sso/callback",
    tag: "handshake",
    summary: "Redeem the one-time token and link this browser's site session",
    description:
      "The browser returns from the auth domain. The state must equal the one in this site's state cookie (login CSRF defence); the OTT is consumed by one conditional UPDATE, bound to this site and state; a replay is refused, recorded and revokes the first redemption's session. Always redirects to the stored relative return path (a failure too: the page renders unlinked, without a retry loop); with no session at all, a plain page.",
    security: ["siteSession"],
    query: callbackQuerySchema,
    responses: {
      302: { description: "To the stored return path (relative), with the site session cookie when one was created.", redirect: true },
      400: { description: "The sign-on failed and there is no session to return to.", html: true },
    },
  },

  // --- site API -------------------------------------------------------------------------
  {
    operationId: "getSsoStatus",
    hosts: ["site"],
    method: "get",
    path: "/api/sso/status",
    tag: "site",
    summary: "This browser's SSO status on this site",
    description: "unknown | known | authenticated (design §5). Under Auto Login, a linked anonymous session is signed in by this very request.",
    security: ["siteSession"],
    responses: { 200: { description: "The status.", json: ssoStatusBodySchema }, ...commonSiteErrors },
  },
  {
    operationId: "putReaderMeta",
    hosts: ["site"],
    method: "put",
    path: "/api/sso/status/meta",
    tag: "site",
    summary: "Replace the reader-writable part of the SSO token's meta",
    description: `A JSON object of at most 4 KiB. ${sameOrigin}`,
    security: ["siteSession"],
    body: { schema: readerMetaSchema, contentType: "application/json", required: true },
    responses: {
      200: { description: "The stored meta.", json: readerMetaResponseSchema },
      ...jsonBodyErrors,
      403: { description: "Cross-origin request.", errors: ["csrf_failed"] },
      409: { description: "This session is not linked to an SSO token.", errors: ["not_linked"] },
      ...commonSiteErrors,
    },
  },
  {
    operationId: "loginWithSso",
    hosts: ["site"],
    method: "post",
    path: "/api/sso/login",
    tag: "site",
    summary: "Continue as the reader signed in on another site (use_sso)",
    description: `Signs this site session in as the SSO token's reader, with no identifier in the body; rotates the session id. ${sameOrigin}`,
    security: ["siteSession"],
    body: { schema: useSsoBodySchema, contentType: "application/json", required: true },
    responses: {
      200: { description: "Signed in: the new status.", json: ssoStatusBodySchema },
      ...jsonBodyErrors,
      403: { description: "SSO is disabled here, or a cross-origin request.", errors: ["sso_disabled", "csrf_failed"] },
      409: { description: "The status is not `known`.", errors: ["not_known"] },
      ...commonSiteErrors,
    },
  },
  {
    operationId: "logout",
    hosts: ["site"],
    method: "post",
    path: "/api/logout",
    tag: "site",
    summary: "Sign out, with a scope",
    description: `JUST_HERE, THIS_DEVICE, OTHER_DEVICES or EVERYWHERE (design §5); an empty body means the mode's default. ${sameOrigin}`,
    security: ["siteSession"],
    body: { schema: logoutBodySchema, contentType: "application/json", required: false },
    responses: {
      200: { description: "What was revoked, and the status afterwards.", json: logoutResponseSchema },
      ...jsonBodyErrors,
      400: { description: "A scope the mode does not allow, or a malformed body.", errors: ["invalid_scope", "invalid_json", "validation_failed"] },
      403: { description: "Cross-origin request.", errors: ["csrf_failed"] },
      409: { description: "This session is not signed in.", errors: ["not_signed_in"] },
      ...commonSiteErrors,
    },
  },
  {
    operationId: "dismissPrompt",
    hosts: ["site"],
    method: "post",
    path: "/api/sso/prompt/dismiss",
    tag: "site",
    summary: "“Not now” on the Opt In prompt, remembered for this site",
    description: sameOrigin,
    security: ["siteSession"],
    responses: {
      200: { description: "Remembered.", json: dismissPromptResponseSchema },
      403: { description: "Cross-origin request.", errors: ["csrf_failed"] },
      409: { description: "This session is not linked.", errors: ["not_linked"] },
      ...commonSiteErrors,
    },
  },

  // --- next-auth --------------------------------------------------------------------------
  {
    operationId: "getCsrfToken",
    hosts: ["site", "admin"],
    method: "get",
    path: "/api/auth/csrf",
    tag: "nextAuth",
    summary: "next-auth's CSRF token (double-submit cookie) for the sign-in forms",
    responses: { 200: { description: "The token.", json: csrfResponseSchema }, ...commonSiteErrors },
  },
  {
    operationId: "signInWithPassword",
    hosts: ["site", "admin"],
    method: "post",
    path: "/api/auth/callback/credentials",
    tag: "nextAuth",
    summary: "Password sign-in (next-auth Credentials provider `credentials`): readers on a site, staff on the admin console",
    description:
      "On a site: signs this site session in (rotating its id) and, when it is linked and SSO is on, authenticates the SSO token too. On the admin console: signs a staff member in (a staff session row). Wrong email and wrong password get the same answer.",
    security: ["siteSession"],
    body: { schema: credentialsFormSchema, contentType: "application/x-www-form-urlencoded", required: true },
    responses: {
      200: { description: "With json=true: where to go next (an error URL when the credentials were wrong).", json: nextAuthRedirectResponseSchema },
      302: { description: "Without json=true.", redirect: true },
      403: { description: "Admin console: a cross-origin form.", errors: ["csrf_failed"] },
      415: { description: "Not a form.", errors: ["unsupported_media_type"] },
      429: { description: "Too many failed sign-ins for this account or address.", errors: ["rate_limited"], headers: { "Retry-After": "seconds" } },
      ...commonSiteErrors,
    },
  },
  {
    operationId: "register",
    hosts: ["site"],
    method: "post",
    path: "/api/auth/callback/register",
    tag: "nextAuth",
    summary: "Registration (next-auth Credentials provider `register`): creates the reader and mails a confirmation link; signs in at once under the `optional` verification policy",
    description:
      "Answers the same `check_email` body whether the address is new (under the `required` policy) or already has an account (whose owner is mailed instead), so registration does not tell who is registered.",
    security: ["siteSession"],
    body: { schema: registerFormSchema, contentType: "application/x-www-form-urlencoded", required: true },
    responses: {
      200: { description: "With json=true: where to go next (an error URL when refused), or `check_email`.", json: nextAuthRedirectResponseSchema.or(checkEmailResponseSchema) },
      302: { description: "Without json=true.", redirect: true },
      415: { description: "Not a form.", errors: ["unsupported_media_type"] },
      ...commonSiteErrors,
    },
  },
  {
    operationId: "getNextAuthSession",
    hosts: ["site", "admin"],
    method: "get",
    path: "/api/auth/session",
    tag: "nextAuth",
    summary: "next-auth's view of who is signed in: the reader of this site session, or the staff member on the admin console",
    security: ["siteSession", "staffSession"],
    responses: { 200: { description: "The reader, or {}.", json: nextAuthSessionResponseSchema }, ...commonSiteErrors },
  },
  {
    operationId: "signOut",
    hosts: ["site", "admin"],
    method: "post",
    path: "/api/auth/signout",
    tag: "nextAuth",
    summary: "next-auth's sign-out: on a site, logs out with the mode's default scope; on the admin console, ends the staff session",
    security: ["siteSession", "staffSession"],
    body: { schema: signOutFormSchema, contentType: "application/x-www-form-urlencoded", required: true },
    responses: {
      200: { description: "With json=true: where to go next.", json: nextAuthRedirectResponseSchema },
      302: { description: "Without json=true.", redirect: true },
      415: { description: "Not a form.", errors: ["unsupported_media_type"] },
      ...commonSiteErrors,
    },
  },

  // --- reader account ---------------------------------------------------------------------
  {
    operationId: "revokeOwnSession",
    hosts: ["site"],
    method: "post",
    path: "/api/account/sessions/{sessionId}/revoke",
    tag: "account",
    summary: "Sign out one of the reader's own sessions (another site or device)",
    description: sameOrigin,
    security: ["siteSession"],
    pathParams: revokeSessionParamsSchema,
    responses: {
      200: { description: "Revoked.", json: revokeSessionResponseSchema },
      400: { description: "Not a session id.", errors: ["validation_failed"] },
      403: { description: "Cross-origin request.", errors: ["csrf_failed"] },
      404: { description: "No such session of this reader.", errors: ["not_found", "unknown_site"] },
      409: { description: "Not signed in.", errors: ["not_signed_in"] },
    },
  },
  {
    operationId: "withdrawConsent",
    hosts: ["site"],
    method: "post",
    path: "/api/account/consents/{consentSiteId}/withdraw",
    tag: "account",
    summary: "Withdraw an Opt In “Continue” on one site",
    description: sameOrigin,
    security: ["siteSession"],
    pathParams: withdrawConsentParamsSchema,
    responses: {
      200: { description: "Withdrawn.", json: withdrawConsentResponseSchema },
      400: { description: "Not a site id.", errors: ["validation_failed"] },
      403: { description: "Cross-origin request.", errors: ["csrf_failed"] },
      409: { description: "Not signed in.", errors: ["not_signed_in"] },
      ...commonSiteErrors,
    },
  },
  {
    operationId: "confirmEmail",
    hosts: ["site"],
    method: "post",
    path: "/api/account/verify-email",
    tag: "account",
    summary: "Use an emailed verification link: the address is verified and this browser signed in as its reader",
    description: `${sameOrigin} The confirmation page posts it when the reader presses its button; opening the link itself changes nothing (mail scanners open links).`,
    security: ["siteSession"],
    body: { schema: confirmEmailBodySchema, contentType: "application/json", required: true },
    responses: {
      200: { description: "Verified and signed in.", json: confirmEmailResponseSchema },
      ...jsonBodyErrors,
      400: { description: "Expired, used, voided or unknown link, or a malformed body.", errors: ["invalid_link", "validation_failed", "invalid_json"] },
      403: { description: "Cross-origin request.", errors: ["csrf_failed"] },
      ...commonSiteErrors,
    },
  },
  {
    operationId: "resendVerification",
    hosts: ["site"],
    method: "post",
    path: "/api/account/verification/resend",
    tag: "account",
    summary: "Send the signed-in reader's verification link again",
    description: `${sameOrigin} Always 202: a mail is written only when the address is unverified and within its hourly mail budget.`,
    security: ["siteSession"],
    responses: {
      202: { description: "Accepted.", json: resendVerificationResponseSchema },
      401: { description: "Not signed in.", errors: ["unauthorized"] },
      403: { description: "Cross-origin request.", errors: ["csrf_failed"] },
      ...commonSiteErrors,
    },
  },

  {
    operationId: "requestPasswordReset",
    hosts: ["site"],
    method: "post",
    path: "/api/account/password-reset",
    tag: "account",
    summary: "“Forgot password?”: mail a reset link (the same answer for every address)",
    description: `202 with the same body whether or not the address has an account; a mail is written only when it has one and the per-address and per-account budgets allow. ${sameOrigin}`,
    body: { schema: passwordResetRequestSchema, contentType: "application/json", required: true },
    responses: {
      202: { description: "Accepted (whatever the address).", json: passwordResetRequestResponseSchema },
      ...jsonBodyErrors,
      403: { description: "Cross-origin request.", errors: ["csrf_failed"] },
      429: { description: "Too many requests from this client address.", errors: ["rate_limited"] },
      ...commonSiteErrors,
    },
  },
  {
    operationId: "completePasswordReset",
    hosts: ["site"],
    method: "post",
    path: "/api/account/password-reset/complete",
    tag: "account",
    summary: "Set a new password with a reset link's token",
    description: `Uses the link (single use), sets the password, signs this browser in (and its SSO token), ends every other session of the reader. ${sameOrigin}`,
    security: ["siteSession"],
    body: { schema: passwordResetCompleteSchema, contentType: "application/json", required: true },
    responses: {
      200: { description: "Signed in with the new password.", json: passwordResetCompleteResponseSchema },
      ...jsonBodyErrors,
      400: { description: "An unusable link, a refused password or a malformed body.", errors: ["invalid_link", "invalid_json", "validation_failed"] },
      403: { description: "Cross-origin request.", errors: ["csrf_failed"] },
      429: { description: "Too many attempts from this client address.", errors: ["rate_limited"] },
      ...commonSiteErrors,
    },
  },
  {
    operationId: "requestSignInLink",
    hosts: ["site"],
    method: "post",
    path: "/api/account/sign-in-link",
    tag: "account",
    summary: "“Email me a sign-in link” (the same answer for every address)",
    description: `202 with the same body whether or not the address has an account; sets a short-lived cookie naming the link on this browser (for its code). 403 when the organisation turned emailed-link sign-in off. ${sameOrigin}`,
    security: ["siteSession"],
    body: { schema: signInLinkRequestSchema, contentType: "application/json", required: true },
    responses: {
      202: { description: "Accepted (whatever the address).", json: signInLinkRequestResponseSchema },
      ...jsonBodyErrors,
      403: { description: "Cross-origin request, or emailed-link sign-in is off.", errors: ["csrf_failed", "forbidden"] },
      429: { description: "Too many requests from this client address.", errors: ["rate_limited"] },
      ...commonSiteErrors,
    },
  },
  {
    operationId: "completeSignInLink",
    hosts: ["site"],
    method: "post",
    path: "/api/account/sign-in-link/complete",
    tag: "account",
    summary: "Sign in with an emailed link's token (any browser) or its code (the browser that asked)",
    description: `Signs this browser in and authenticates its SSO token. Five wrong codes void the link. ${sameOrigin}`,
    security: ["siteSession"],
    body: { schema: signInLinkCompleteSchema, contentType: "application/json", required: true },
    responses: {
      200: { description: "Signed in.", json: signInLinkCompleteResponseSchema },
      ...jsonBodyErrors,
      400: { description: "An unusable link, a wrong or expired code, or a malformed body.", errors: ["invalid_link", "invalid_json", "validation_failed"] },
      403: { description: "Cross-origin request, or emailed-link sign-in is off.", errors: ["csrf_failed", "forbidden"] },
      429: { description: "Too many attempts from this client address.", errors: ["rate_limited"] },
      ...commonSiteErrors,
    },
  },
  {
    operationId: "changePassword",
    hosts: ["site"],
    method: "post",
    path: "/api/account/password",
    tag: "account",
    summary: "Change the signed-in reader's password (current one required); optionally sign out every other device",
    description: `The current password is checked like a sign-in: a wrong one counts toward the sign-in throttle. The account's address is told by mail; audited as reader.password_changed. ${sameOrigin}`,
    security: ["siteSession"],
    body: { schema: changePasswordBodySchema, contentType: "application/json", required: true },
    responses: {
      200: { description: "Changed; how many sessions of other devices ended.", json: changePasswordResponseSchema },
      ...jsonBodyErrors,
      401: { description: "Not signed in.", errors: ["unauthorized"] },
      403: { description: "Wrong current password, or a cross-origin request.", errors: ["forbidden", "csrf_failed"] },
      429: { description: "Too many failed sign-ins (the sign-in throttle).", errors: ["rate_limited"], headers: { "Retry-After": "Seconds to wait." } },
      ...commonSiteErrors,
    },
  },
  {
    operationId: "requestEmailChange",
    hosts: ["site"],
    method: "post",
    path: "/api/account/email",
    tag: "account",
    summary: "Ask to change the signed-in reader's email: a link to the new address, a notice to the current one",
    description: `Current password required (counted by the sign-in throttle). The same answer whether or not the new address has an account; throttled per account and per new address. ${sameOrigin}`,
    security: ["siteSession"],
    body: { schema: requestEmailChangeBodySchema, contentType: "application/json", required: true },
    responses: {
      200: { description: "The link was written to the outbox.", json: requestEmailChangeResponseSchema },
      ...jsonBodyErrors,
      401: { description: "Not signed in.", errors: ["unauthorized"] },
      403: { description: "Wrong current password, or a cross-origin request.", errors: ["forbidden", "csrf_failed"] },
      429: { description: "Too many failed sign-ins or changes of email.", errors: ["rate_limited"] },
      ...commonSiteErrors,
    },
  },
  {
    operationId: "confirmEmailChange",
    hosts: ["site"],
    method: "post",
    path: "/api/account/email/confirm",
    tag: "account",
    summary: "Use a change-of-email link: the account takes the new address, confirmed; the old address is told",
    description: `The link's page (GET /account/email?token=…) only shows a button: a GET never uses a link. ${sameOrigin}`,
    body: { schema: confirmEmailChangeBodySchema, contentType: "application/json", required: true },
    responses: {
      200: { description: "Changed.", json: confirmEmailChangeResponseSchema },
      ...jsonBodyErrors,
      403: { description: "Cross-origin request.", errors: ["csrf_failed"] },
      404: { description: "The link expired, was used, or is not of this organisation.", errors: ["not_found", "unknown_site", "unknown_host"] },
      409: { description: "The new address belongs to another account of the organisation now.", errors: ["conflict"] },
    },
  },

  // --- external sites ---------------------------------------------------------------------
  {
    operationId: "exchangeOneTimeToken",
    hosts: ["auth-domain"],
    method: "post",
    path: "/sso/exchange",
    tag: "external",
    summary: "Redeem the one-time token an external site's callback received",
    description: `${clientAuth} The same rule as a site's callback: single use (one conditional UPDATE), bound to the calling client's site, its organisation and the state; a replay is refused, recorded and revokes the first redemption's session. Creates a site session for the external site, linked to the reader's SSO token, and returns its opaque handle.`,
    security: ["externalClient"],
    body: { schema: exchangeBodySchema, contentType: "application/json", required: true },
    responses: {
      200: { description: "Linked: the session handle, the reader's status and, per the mode, identity.", json: externalSessionBodySchema },
      ...externalErrors,
      400: { description: "The OTT is invalid, expired, already used, or not for this site and state; or a malformed body.", errors: ["invalid_grant", "invalid_json", "validation_failed"] },
      403: { description: "SSO is disabled for this site.", errors: ["sso_disabled"] },
      429: { description: "Too many failed exchanges or client authentications.", errors: ["rate_limited"] },
    },
  },
  {
    operationId: "getExternalStatus",
    hosts: ["auth-domain"],
    method: "post",
    path: "/sso/session/status",
    tag: "external",
    summary: "An external site's session: SSO status (and Auto Login)",
    description: `${clientAuth} POST, like OAuth token introspection, so the handle never appears in a URL. Under Auto Login, a linked anonymous session is signed in by this call (the handle rotates).`,
    security: ["externalClient"],
    body: { schema: externalStatusRequestSchema, contentType: "application/json", required: true },
    responses: { 200: { description: "The status, the handle to keep (null: start a new handshake) and the mode.", json: externalSessionBodySchema }, ...externalErrors },
  },
  {
    operationId: "loginExternalWithSso",
    hosts: ["auth-domain"],
    method: "post",
    path: "/sso/session/login",
    tag: "external",
    summary: "An external site's session: continue as the reader signed in elsewhere (use_sso)",
    description: `${clientAuth} The reader clicked “Continue” on the external site. The handle rotates.`,
    security: ["externalClient"],
    body: { schema: externalLoginRequestSchema, contentType: "application/json", required: true },
    responses: {
      200: { description: "Signed in.", json: externalSessionBodySchema },
      ...externalErrors,
      403: { description: "SSO is disabled for this site.", errors: ["sso_disabled"] },
      409: { description: "The status is not `known`, or the handle names no live session.", errors: ["not_known", "not_linked"] },
    },
  },
  {
    operationId: "logoutExternal",
    hosts: ["auth-domain"],
    method: "post",
    path: "/sso/session/logout",
    tag: "external",
    summary: "An external site's session: sign out, with a scope",
    description: `${clientAuth} The same scopes and rules as POST /api/logout on a site.`,
    security: ["externalClient"],
    body: { schema: externalLogoutRequestSchema, contentType: "application/json", required: true },
    responses: {
      200: { description: "What was revoked, the new handle and the status afterwards.", json: externalLogoutResponseSchema },
      ...externalErrors,
      400: { description: "A scope the mode does not allow, or a malformed body.", errors: ["invalid_scope", "invalid_json", "validation_failed"] },
      409: { description: "Not signed in, or the handle names no live session.", errors: ["not_signed_in", "not_linked"] },
    },
  },

  // --- admin console ----------------------------------------------------------------------
  {
    operationId: "getOpenApiDocument",
    hosts: ["admin"],
    method: "get",
    path: "/api/openapi.json",
    tag: "admin",
    summary: "This document",
    responses: { 200: { description: "OpenAPI 3.1.", json: openApiDocumentSchema } },
  },
  {
    operationId: "getOrgSsoSettings",
    hosts: ["admin"],
    method: "get",
    path: "/api/orgs/{orgSlug}/sso",
    tag: "admin",
    summary: "An organisation's SSO settings",
    description: "Any role in the organisation. Staff of another organisation get 404, as if it did not exist.",
    security: ["staffSession", "apiToken"],
    pathParams: adminOrgParamsSchema,
    responses: {
      200: { description: "The settings in force.", json: adminSsoSettingsSchema },
      401: { description: "Not signed in.", errors: ["unauthorized"] },
      404: { description: "No such organisation for this staff member.", errors: ["not_found"] },
    },
  },
  {
    operationId: "putOrgSsoSettings",
    hosts: ["admin"],
    method: "put",
    path: "/api/orgs/{orgSlug}/sso",
    tag: "admin",
    summary: "Change an organisation's SSO settings",
    description: `Owner or admin role. \`mode\` is required, the other fields optional (absent = unchanged). Each change is written to the audit log (who, when, old → new) and is in force on every reader's next request. ${sameOrigin}`,
    security: ["staffSession", "apiToken"],
    pathParams: adminOrgParamsSchema,
    body: { schema: adminSsoSettingsInputSchema, contentType: "application/json", required: true },
    responses: {
      200: { description: "The settings in force after the change.", json: adminSsoSettingsSchema },
      ...jsonBodyErrors,
      401: { description: "Not signed in.", errors: ["unauthorized"] },
      403: { description: "A role that may not change settings, or a cross-origin request.", errors: ["forbidden", "csrf_failed"] },
      404: { description: "No such organisation for this staff member.", errors: ["not_found"] },
    },
  },
  {
    operationId: "listOrgSites",
    hosts: ["admin"],
    method: "get",
    path: "/api/orgs/{orgSlug}/sites",
    tag: "admin",
    summary: "An organisation's sites: hostnames, callback, SSO switches and the mode in force",
    description: "Any role in the organisation.",
    security: ["staffSession", "apiToken"],
    pathParams: adminOrgParamsSchema,
    responses: {
      200: { description: "The sites.", json: adminSitesResponseSchema },
      401: { description: "Not signed in.", errors: ["unauthorized"] },
      404: { description: "No such organisation for this staff member.", errors: ["not_found"] },
    },
  },
  {
    operationId: "updateSiteSso",
    hosts: ["admin"],
    method: "patch",
    path: "/api/orgs/{orgSlug}/sites/{siteSlug}",
    tag: "admin",
    summary: "A site's SSO switches: the kill switch and the mode override",
    description: `Owner or admin role; audited; in force on the site's next request. ${sameOrigin}`,
    security: ["staffSession", "apiToken"],
    pathParams: adminSiteParamsSchema,
    body: { schema: adminSiteSsoInputSchema, contentType: "application/json", required: true },
    responses: {
      200: { description: "The site after the change.", json: adminSiteSchema },
      ...jsonBodyErrors,
      401: { description: "Not signed in.", errors: ["unauthorized"] },
      403: { description: "A role that may not change settings, or a cross-origin request.", errors: ["forbidden", "csrf_failed"] },
      404: { description: "No such organisation or site.", errors: ["not_found"] },
    },
  },
  {
    operationId: "revokeReaderSiteSession",
    hosts: ["admin"],
    method: "delete",
    path: "/api/orgs/{orgSlug}/site-sessions/{sessionId}",
    tag: "admin",
    summary: "Revoke one reader's session on one site",
    description: `Owner or admin role; audited as admin.session_revoked. ${sameOrigin}`,
    security: ["staffSession", "apiToken"],
    pathParams: adminSiteSessionParamsSchema,
    responses: {
      200: { description: "What was revoked.", json: revokeResultSchema },
      400: { description: "Not a session id.", errors: ["validation_failed"] },
      401: { description: "Not signed in.", errors: ["unauthorized"] },
      403: { description: "A role that may not revoke, or a cross-origin request.", errors: ["forbidden", "csrf_failed"] },
      404: { description: "No such session in this organisation.", errors: ["not_found"] },
    },
  },
  {
    operationId: "revokeReaderSsoToken",
    hosts: ["admin"],
    method: "delete",
    path: "/api/orgs/{orgSlug}/sso-tokens/{tokenId}",
    tag: "admin",
    summary: "Revoke one browser's SSO token and every site session linked to it",
    description: `Owner or admin role; audited as admin.session_revoked. ${sameOrigin}`,
    security: ["staffSession", "apiToken"],
    pathParams: adminSsoTokenParamsSchema,
    responses: {
      200: { description: "What was revoked.", json: revokeResultSchema },
      400: { description: "Not a token id.", errors: ["validation_failed"] },
      401: { description: "Not signed in.", errors: ["unauthorized"] },
      403: { description: "A role that may not revoke, or a cross-origin request.", errors: ["forbidden", "csrf_failed"] },
      404: { description: "No such token in this organisation.", errors: ["not_found"] },
    },
  },
  {
    operationId: "logoutReaderEverywhere",
    hosts: ["admin"],
    method: "post",
    path: "/api/orgs/{orgSlug}/readers/{readerId}/logout",
    tag: "admin",
    summary: "Sign a reader out everywhere: every site session and SSO token of theirs",
    description: `Owner or admin role; audited as admin.session_revoked. ${sameOrigin}`,
    security: ["staffSession", "apiToken"],
    pathParams: adminReaderParamsSchema,
    responses: {
      200: { description: "What was revoked.", json: revokeResultSchema },
      400: { description: "Not a reader id.", errors: ["validation_failed"] },
      401: { description: "Not signed in.", errors: ["unauthorized"] },
      403: { description: "A role that may not revoke, or a cross-origin request.", errors: ["forbidden", "csrf_failed"] },
      404: { description: "No such reader in this organisation.", errors: ["not_found"] },
    },
  },

  {
    operationId: "adminResendVerification",
    hosts: ["admin"],
    method: "post",
    path: "/api/orgs/{orgSlug}/readers/{readerId}/verification",
    tag: "admin",
    summary: "Mail a reader's confirmation link again, landing on the chosen site",
    description: `Owner or admin role; audited as admin.verification_resent; throttled per reader. ${sameOrigin}`,
    security: ["staffSession", "apiToken"],
    pathParams: adminReaderParamsSchema,
    body: { schema: readerMailBodySchema, contentType: "application/json", required: true },
    responses: {
      200: { description: "The mail was written to the outbox.", json: readerMailResponseSchema },
      ...jsonBodyErrors,
      401: { description: "Not signed in.", errors: ["unauthorized"] },
      403: { description: "A role that may not send, or a cross-origin request.", errors: ["forbidden", "csrf_failed"] },
      404: { description: "No such reader or site in this organisation.", errors: ["not_found"] },
      409: { description: "The address is already confirmed.", errors: ["conflict"] },
      429: { description: "Sent several times already.", errors: ["rate_limited"] },
    },
  },
  {
    operationId: "adminSendPasswordReset",
    hosts: ["admin"],
    method: "post",
    path: "/api/orgs/{orgSlug}/readers/{readerId}/password-reset",
    tag: "admin",
    summary: "Mail a reader a password-reset link, landing on the chosen site",
    description: `Owner or admin role; audited with the staff actor; throttled per reader. ${sameOrigin}`,
    security: ["staffSession", "apiToken"],
    pathParams: adminReaderParamsSchema,
    body: { schema: readerMailBodySchema, contentType: "application/json", required: true },
    responses: {
      200: { description: "The mail was written to the outbox.", json: readerMailResponseSchema },
      ...jsonBodyErrors,
      401: { description: "Not signed in.", errors: ["unauthorized"] },
      403: { description: "A role that may not send, or a cross-origin request.", errors: ["forbidden", "csrf_failed"] },
      404: { description: "No such reader or site in this organisation.", errors: ["not_found"] },
      429: { description: "Sent several times already.", errors: ["rate_limited"] },
      503: { description: "Password reset by mail is not in this build yet.", errors: ["service_unavailable"] },
    },
  },
  {
    operationId: "adminRetryMail",
    hosts: ["admin"],
    method: "post",
    path: "/api/orgs/{orgSlug}/mail/{mailId}/retry",
    tag: "admin",
    summary: "Put a dead letter back to pending now, its attempts reset",
    description: `Owner or admin role; audited as mail.retried. Only a dead letter (a sent message would go twice). ${sameOrigin}`,
    security: ["staffSession", "apiToken"],
    pathParams: adminMailParamsSchema,
    responses: {
      200: { description: "Queued again.", json: retryMailResponseSchema },
      400: { description: "Not a message id.", errors: ["validation_failed"] },
      401: { description: "Not signed in.", errors: ["unauthorized"] },
      403: { description: "A role that may not retry, or a cross-origin request.", errors: ["forbidden", "csrf_failed"] },
      404: { description: "No such message in this organisation.", errors: ["not_found"] },
      409: { description: "The message is not a dead letter.", errors: ["conflict"] },
    },
  },


  // --- automation (README, "API tokens", "Webhooks", "External sites", "Audit export") ------
  {
    operationId: "adminListApiTokens",
    hosts: ["admin"],
    method: "get",
    path: "/api/orgs/{orgSlug}/api-tokens",
    tag: "admin",
    summary: "The organisation's API tokens (names, roles, prefixes, expiry, last use; never the tokens)",
    security: ["staffSession", "apiToken"],
    pathParams: adminOrgParamsSchema,
    responses: {
      200: { description: "The tokens, newest first.", json: apiTokenListSchema },
      401: { description: "Not signed in, or a bad API token.", errors: ["unauthorized"] },
      404: { description: "No such organisation (or not a member).", errors: ["not_found"] },
      429: { description: "Too many failed API token authentications from this address.", errors: ["rate_limited"] },
    },
  },
  {
    operationId: "adminCreateApiToken",
    hosts: ["admin"],
    method: "post",
    path: "/api/orgs/{orgSlug}/api-tokens",
    tag: "admin",
    summary: "Create an API token for automation: scoped to this organisation and a role, shown once",
    description: `Owner role, signed-in staff only (an API token cannot create tokens); audited as admin.api_token_created. ${sameOrigin}`,
    security: ["staffSession"],
    pathParams: adminOrgParamsSchema,
    body: { schema: createApiTokenBodySchema, contentType: "application/json", required: true },
    responses: {
      201: { description: "The token (its only appearance) and its description.", json: createdApiTokenSchema },
      ...jsonBodyErrors,
      401: { description: "Not signed in.", errors: ["unauthorized"] },
      403: { description: "Not an owner, an API token, or a cross-origin request.", errors: ["forbidden", "csrf_failed"] },
      404: { description: "No such organisation (or not a member).", errors: ["not_found"] },
    },
  },
  {
    operationId: "adminRevokeApiToken",
    hosts: ["admin"],
    method: "delete",
    path: "/api/orgs/{orgSlug}/api-tokens/{tokenId}",
    tag: "admin",
    summary: "Revoke an API token (in force on its next request)",
    description: `Owner role, signed-in staff only; audited as admin.api_token_revoked. ${sameOrigin}`,
    security: ["staffSession"],
    pathParams: apiTokenParamsSchema,
    responses: {
      200: { description: "The token, revoked.", json: apiTokenSchema },
      401: { description: "Not signed in.", errors: ["unauthorized"] },
      403: { description: "Not an owner, an API token, or a cross-origin request.", errors: ["forbidden", "csrf_failed"] },
      404: { description: "No such token in this organisation.", errors: ["not_found"] },
    },
  },
  {
    operationId: "adminListWebhooks",
    hosts: ["admin"],
    method: "get",
    path: "/api/orgs/{orgSlug}/webhooks",
    tag: "admin",
    summary: "The organisation's webhooks (URLs and event types; never their secrets)",
    security: ["staffSession", "apiToken"],
    pathParams: adminOrgParamsSchema,
    responses: {
      200: { description: "The webhooks.", json: webhookListSchema },
      401: { description: "Not signed in, or a bad API token.", errors: ["unauthorized"] },
      404: { description: "No such organisation (or not a member).", errors: ["not_found"] },
    },
  },
  {
    operationId: "adminCreateWebhook",
    hosts: ["admin"],
    method: "post",
    path: "/api/orgs/{orgSlug}/webhooks",
    tag: "admin",
    summary: "Send security events to a URL as they happen, signed (HMAC-SHA256, Standard Webhooks)",
    description: `Owner role, signed-in staff only; https to a public address (no loopback, private or link-local target); audited as admin.webhook_created. ${sameOrigin}`,
    security: ["staffSession"],
    pathParams: adminOrgParamsSchema,
    body: { schema: createWebhookBodySchema, contentType: "application/json", required: true },
    responses: {
      201: { description: "The webhook and its signing secret (its only appearance).", json: createdWebhookSchema },
      ...jsonBodyErrors,
      401: { description: "Not signed in.", errors: ["unauthorized"] },
      403: { description: "Not an owner, an API token, or a cross-origin request.", errors: ["forbidden", "csrf_failed"] },
      404: { description: "No such organisation (or not a member).", errors: ["not_found"] },
      409: { description: "Too many webhooks already.", errors: ["conflict"] },
    },
  },
  {
    operationId: "adminDeleteWebhook",
    hosts: ["admin"],
    method: "delete",
    path: "/api/orgs/{orgSlug}/webhooks/{webhookId}",
    tag: "admin",
    summary: "Stop a webhook; its pending deliveries are dropped, its delivery log stays",
    description: `Owner role, signed-in staff only; audited as admin.webhook_deleted. ${sameOrigin}`,
    security: ["staffSession"],
    pathParams: webhookParamsSchema,
    responses: {
      200: { description: "Stopped.", json: deletedWebhookSchema },
      401: { description: "Not signed in.", errors: ["unauthorized"] },
      403: { description: "Not an owner, an API token, or a cross-origin request.", errors: ["forbidden", "csrf_failed"] },
      404: { description: "No such webhook in this organisation.", errors: ["not_found"] },
    },
  },
  {
    operationId: "adminListExternalSites",
    hosts: ["admin"],
    method: "get",
    path: "/api/orgs/{orgSlug}/external-sites",
    tag: "admin",
    summary: "External sites with their client ids and secret rotation state",
    security: ["staffSession", "apiToken"],
    pathParams: adminOrgParamsSchema,
    responses: {
      200: { description: "The external sites.", json: externalSitesResponseSchema },
      401: { description: "Not signed in, or a bad API token.", errors: ["unauthorized"] },
      404: { description: "No such organisation (or not a member).", errors: ["not_found"] },
    },
  },
  {
    operationId: "adminRegisterExternalSite",
    hosts: ["admin"],
    method: "post",
    path: "/api/orgs/{orgSlug}/external-sites",
    tag: "admin",
    summary: "Register an external site: its client id, and its client secret shown once",
    description: `Owner role, signed-in staff only; the callback follows the CLI's rules (https, or http on localhost); audited as site.external_registered. ${sameOrigin}`,
    security: ["staffSession"],
    pathParams: adminOrgParamsSchema,
    body: { schema: registerExternalSiteBodySchema, contentType: "application/json", required: true },
    responses: {
      201: { description: "Registered.", json: registeredExternalSiteSchema },
      ...jsonBodyErrors,
      401: { description: "Not signed in.", errors: ["unauthorized"] },
      403: { description: "Not an owner, an API token, or a cross-origin request.", errors: ["forbidden", "csrf_failed"] },
      404: { description: "No such organisation (or not a member).", errors: ["not_found"] },
      409: { description: "A site with this slug exists.", errors: ["conflict"] },
    },
  },
  {
    operationId: "adminRotateExternalSiteSecret",
    hosts: ["admin"],
    method: "post",
    path: "/api/orgs/{orgSlug}/external-sites/{siteSlug}/secret",
    tag: "admin",
    summary: "A new client secret for an external site, shown once; the previous one works for a grace period",
    description: `Owner role, signed-in staff only; audited as sso.client_secret_rotated. ${sameOrigin}`,
    security: ["staffSession"],
    pathParams: adminSiteParamsSchema,
    body: { schema: rotateSecretBodySchema, contentType: "application/json", required: true },
    responses: {
      200: { description: "Rotated.", json: rotatedSecretSchema },
      ...jsonBodyErrors,
      401: { description: "Not signed in.", errors: ["unauthorized"] },
      403: { description: "Not an owner, an API token, or a cross-origin request.", errors: ["forbidden", "csrf_failed"] },
      404: { description: "No such external site in this organisation.", errors: ["not_found"] },
    },
  },
  {
    operationId: "adminExportAudit",
    hosts: ["admin"],
    method: "get",
    path: "/api/orgs/{orgSlug}/audit/export",
    tag: "admin",
    summary: "The audit log of a filtered range as CSV (RFC 4180, formula-safe) or JSON, streamed, newest first",
    description: "Any role; filters as the console's list (type, from, to as UTC dates, actor id); at most 100 000 rows.",
    security: ["staffSession", "apiToken"],
    pathParams: adminOrgParamsSchema,
    query: auditExportQuerySchema,
    responses: {
      200: { description: "The export (format=json answers application/json: an array of events).", text: "text/csv; charset=utf-8; header=present" },
      400: { description: "A bad filter or format.", errors: ["validation_failed"] },
      401: { description: "Not signed in, or a bad API token.", errors: ["unauthorized"] },
      404: { description: "No such organisation (or not a member).", errors: ["not_found"] },
    },
  },

  // --- operations -------------------------------------------------------------------------
  {
    operationId: "getHealth",
    hosts: ["any"],
    method: "get",
    path: "/api/health",
    tag: "operations",
    summary: "Liveness: the process serves HTTP (never touches the database)",
    description: "Answered on every host, known or not, before host resolution.",
    responses: { 200: { description: "Alive.", json: healthBodySchema } },
  },
  {
    operationId: "getReadiness",
    hosts: ["any"],
    method: "get",
    path: "/api/ready",
    tag: "operations",
    summary: "Readiness: the database answers and every migration of this build is applied",
    description: "Answered on every host, known or not. Take the instance out of the load balancer while it answers 503.",
    responses: {
      200: { description: "Ready.", json: readinessBodySchema },
      503: { description: "Not ready (database unreachable or migrations pending).", json: readinessBodySchema },
    },
  },
  {
    operationId: "getMetrics",
    hosts: ["any"],
    method: "get",
    path: "/api/metrics",
    tag: "operations",
    summary: "Prometheus metrics of this instance",
    description: "Text exposition format 0.0.4. Requires `Authorization: Bearer <METRICS_TOKEN>`; without METRICS_TOKEN configured the endpoint answers 404.",
    security: ["metricsToken"],
    responses: {
      200: { description: "The metrics.", text: "text/plain; version=0.0.4; charset=utf-8" },
      401: { description: "Missing or wrong token.", errors: ["unauthorized"], headers: { "WWW-Authenticate": "Bearer" } },
      404: { description: "No METRICS_TOKEN configured.", errors: ["not_found"] },
    },
  },
];

export { errorBodySchema };
