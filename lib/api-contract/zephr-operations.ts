// The Zephr-compatible Public API on every site host (docs/zephr-compat.md): Zephr's paths,
// bodies and statuses, each an alias of one of the product's own verbs. Listed apart from
// operations.ts (which spreads them in) so the product's own contract reads on its own.
// Zephr's reference: https://developer.zuora.com/zephr-api-reference/zephr-public-api/
import type { ErrorCode } from "@/lib/errors";
import { logoutBodySchema } from "@/lib/sso/logout";
import { readerMetaSchema } from "@/lib/sso/update-reader-meta";
import {
  zephrLoginBodySchema,
  zephrMessageResponseSchema,
  zephrMetaResponseSchema,
  zephrRegisterBodySchema,
  zephrResetCompleteBodySchema,
  zephrResetStateSchema,
  zephrSessionParamsSchema,
  zephrSignedInResponseSchema,
  zephrStartByMailBodySchema,
  zephrTokenExchangeQuerySchema,
} from "@/lib/zephr/bodies";
import { zephrSessionsResponseSchema } from "@/lib/zephr/sessions";
import { zephrSsoStatusBodySchema } from "@/lib/zephr/sso-status";
import { zephrErrorBodySchema } from "@/lib/zephr/zephr-errors";
import type { Operation, ResponseSpec } from "./operations";
import { zephrForgetMeBodySchema } from "@/lib/zephr/forget-me";

/** An error answer on a Zephr path: the product's codes, in Zephr's shape (lib/zephr/zephr-errors.ts). */
function zephrError(description: string, codes: ErrorCode[]): ResponseSpec {
  return { description: `${description} Error codes: ${codes.join(", ")}.`, json: zephrErrorBodySchema };
}

const zephrSiteErrors = { 404: zephrError("Not a site of this app.", ["unknown_host", "unknown_site"]) };

const zephrBodyErrors = {
  400: zephrError("Invalid JSON, unknown field or wrong shape.", ["invalid_json", "validation_failed"]),
  413: zephrError("Body too large.", ["payload_too_large"]),
  415: zephrError("Not application/json.", ["unsupported_media_type"]),
};
const crossOrigin = { 403: zephrError("Cross-origin request (the same-origin rule of every state-changing site endpoint).", ["csrf_failed"]) };
const notSignedIn = { 401: zephrError("Not signed in.", ["unauthorized"]) };
const ref = (page: string) => `Zephr: https://developer.zuora.com/zephr-api-reference/zephr-public-api/${page}`;
const sameOrigin = "State-changing: only from the site's own pages (Origin, or Sec-Fetch-Site: same-origin) — a Zephr front end on the site's domain; a server-side caller uses the external-site API.";

const cookieNote = "The browser's site session cookie is Zephr's `blaize_session` here (docs/zephr-compat.md).";

export const zephrOperations: Operation[] = [
  {
    operationId: "zephrRetrieveSsoStatus",
    hosts: ["site"],
    method: "get",
    path: "/zephr/public/sso/v1/status",
    tag: "zephr",
    summary: "Zephr's retrieveSSOStatus: {status, meta} — the same status as GET /api/sso/status",
    description: `${cookieNote} Under Auto Login, a linked anonymous session is signed in by this very request, as on /api/sso/status. Zephr: https://developer.zuora.com/zephr-api-reference/zephr-public-api/authentication/retrievessostatus`,
    security: ["siteSession"],
    responses: { 200: { description: "The status and the customer meta.", json: zephrSsoStatusBodySchema }, ...zephrSiteErrors },
  },
  {
    operationId: "zephrUpdateMetadata",
    hosts: ["site"],
    method: "put",
    path: "/zephr/public/sso/v1/status/meta",
    tag: "zephr",
    summary: "Zephr's updateMetadata: replace the customer meta on the SSO token — the same verb as PUT /api/sso/status/meta",
    description: `A JSON object of at most 4 KiB. ${sameOrigin} ${ref("authentication/updatemetadata")}`,
    security: ["siteSession"],
    body: { schema: readerMetaSchema, contentType: "application/json", required: true },
    responses: {
      200: { description: "The stored meta.", json: zephrMetaResponseSchema },
      ...zephrBodyErrors,
      400: zephrError("Not linked to an SSO token, or a malformed body.", ["bad_request", "invalid_json", "validation_failed"]),
      ...crossOrigin,
      ...zephrSiteErrors,
    },
  },
  {
    operationId: "zephrLogin",
    hosts: ["site"],
    method: "post",
    path: "/blaize/login",
    tag: "zephr",
    summary: "Zephr's loginUserAccount: a password sign-in, or `validators.use_sso` with no identifiers (continue as the reader signed in on another site)",
    description: `The product's password sign-in (the same throttle, lockout, known-device cookie and verification rule as the sign-in form) or its use_sso. Signs this site session in; the session cookie is blaize_session here. ${sameOrigin} ${ref("authentication/loginuseraccount")}`,
    security: ["siteSession"],
    body: { schema: zephrLoginBodySchema, contentType: "application/json", required: true },
    responses: {
      200: { description: "Signed in: Zephr's {cookie, message, tracking_id}.", json: zephrSignedInResponseSchema },
      ...zephrBodyErrors,
      401: zephrError("Wrong address or password (one answer for both), or use_sso with no sign-on to continue.", ["unauthorized"]),
      403: zephrError("The address must be confirmed first (a new link was mailed), SSO is disabled here (use_sso), the reader is signed in on as many devices as the organisation allows (deny_new), or a cross-origin request.", ["forbidden", "sso_disabled", "device_limit_reached", "csrf_failed"]),
      429: { ...zephrError("Too many failed sign-ins for this account or network.", ["rate_limited"]), headers: { "Retry-After": "seconds" } },
      ...zephrSiteErrors,
    },
  },
  {
    operationId: "zephrRegister",
    hosts: ["site"],
    method: "post",
    path: "/blaize/register",
    tag: "zephr",
    summary: "Zephr's register: the product's registration; signed in at once when the organisation does not require a confirmed address",
    description: `\`attributes\`: \`name\` (or \`first-name\` and \`last-name\`) becomes the display name; others are not stored. A taken address and a new one that must be confirmed get the same 202. ${sameOrigin} ${ref("operation/Register")}`,
    security: ["siteSession"],
    body: { schema: zephrRegisterBodySchema, contentType: "application/json", required: true },
    responses: {
      200: { description: "Registered and signed in: Zephr's {cookie, message, tracking_id}.", json: zephrSignedInResponseSchema },
      202: { description: "Not signed in: check your email (a new address to confirm, or one that already has an account).", json: zephrMessageResponseSchema },
      ...zephrBodyErrors,
      ...crossOrigin,
      429: { ...zephrError("Too many registrations from this network.", ["rate_limited"]), headers: { "Retry-After": "seconds" } },
      ...zephrSiteErrors,
    },
  },
  {
    operationId: "zephrLogout",
    hosts: ["site"],
    method: "post",
    path: "/blaize/logout",
    tag: "zephr",
    summary: "Zephr's logout {where?}: the product's logout scopes and Zephr's defaults (THIS_DEVICE under Auto Login, JUST_HERE under Opt In)",
    description: `JUST_HERE is refused under Auto Login, as on /api/logout. ${sameOrigin} ${ref("operation/Logout")}`,
    security: ["siteSession"],
    body: { schema: logoutBodySchema, contentType: "application/json", required: false },
    responses: {
      200: { description: "Zephr's {message: \"Session deleted\"}; this browser gets a fresh session cookie.", json: zephrMessageResponseSchema },
      ...zephrBodyErrors,
      400: zephrError("A scope the mode does not allow, this session is not signed in, or a malformed body.", ["invalid_scope", "bad_request", "invalid_json", "validation_failed"]),
      ...crossOrigin,
      ...zephrSiteErrors,
    },
  },
  {
    operationId: "zephrListSessions",
    hosts: ["site"],
    method: "get",
    path: "/zephr/public/sessions/v1/sessions",
    tag: "zephr",
    summary: "Zephr's listUserSessions: the signed-in reader's sessions on this site (a view of GET /api/account/sessions)",
    description: `Zephr documents no body; this one is {sessions: [{session_id, device, device_kind, last_seen, created, current}]}. ${ref("sessions/listusersessions")}`,
    security: ["siteSession"],
    responses: { 200: { description: "This site's sessions of the reader.", json: zephrSessionsResponseSchema }, ...notSignedIn, ...zephrSiteErrors },
  },
  {
    operationId: "zephrDeleteOtherSessions",
    hosts: ["site"],
    method: "delete",
    path: "/zephr/public/sessions/v1/sessions",
    tag: "zephr",
    summary: "Zephr's deleteAllOtherSessions: the product's \"sign out of all other sessions\" (POST /api/account/sessions/revoke-others)",
    description: `Every session of the reader except this browser's, on every site of the organisation (a sign-on spans them). ${sameOrigin} ${ref("sessions/deleteallothersessions")}`,
    security: ["siteSession"],
    responses: { 200: { description: "How many ended, in words.", json: zephrMessageResponseSchema }, ...notSignedIn, ...crossOrigin, ...zephrSiteErrors },
  },
  {
    operationId: "zephrDeleteSession",
    hosts: ["site"],
    method: "delete",
    path: "/zephr/public/sessions/v1/sessions/{sessionId}",
    tag: "zephr",
    summary: "Zephr's deleteSession: sign out one of the reader's own sessions (POST /api/account/sessions/{sessionId}/revoke)",
    description: `Another reader's session, an unknown id or one that has ended: 404, the same answer. ${sameOrigin} ${ref("sessions/deletesession")}`,
    security: ["siteSession"],
    pathParams: zephrSessionParamsSchema,
    responses: {
      200: { description: "Deleted.", json: zephrMessageResponseSchema },
      ...notSignedIn,
      ...crossOrigin,
      404: zephrError("No such session of this reader (or not a site of this app).", ["not_found", "unknown_host", "unknown_site"]),
    },
  },
  {
    operationId: "zephrStartPasswordless",
    hosts: ["site"],
    method: "post",
    path: "/blaize/token-exchange",
    tag: "zephr",
    summary: "Zephr's passwordless start: mail a sign-in link (the product's sign-in by emailed link)",
    description: `The same 201 and body whether or not the address has an account; the same mail budgets as the product's form. \`delivery\` is accepted and unused. ${sameOrigin} ${ref("operation/Start_Passwordless")}`,
    body: { schema: zephrStartByMailBodySchema, contentType: "application/json", required: true },
    responses: {
      201: { description: "Accepted (whatever the address).", json: zephrMessageResponseSchema },
      ...zephrBodyErrors,
      403: zephrError("Sign-in by emailed link is off for this organisation, or a cross-origin request.", ["forbidden", "csrf_failed"]),
      429: zephrError("Too many requests from this network.", ["rate_limited"]),
      ...zephrSiteErrors,
    },
  },
  {
    operationId: "zephrCompletePasswordless",
    hosts: ["site"],
    method: "get",
    path: "/blaize/token-exchange",
    tag: "zephr",
    summary: "Zephr's passwordless completion: 302 to the product's sign-in link page, whose button signs in (opening a link never does)",
    description: `Mail scanners open links, so the sign-in itself is a POST from that page (docs/security.md). ${ref("authentication/completepasswordlessauthentication")}, ${ref("operation/Complete_Passwordless")}`,
    query: zephrTokenExchangeQuerySchema,
    responses: {
      302: { description: "To /signin/link?token=…", redirect: true },
      400: zephrError("No token, or a repeated one.", ["validation_failed"]),
      ...zephrSiteErrors,
    },
  },
  {
    operationId: "zephrStartPasswordReset",
    hosts: ["site"],
    method: "post",
    path: "/blaize/users/reset",
    tag: "zephr",
    summary: "Zephr's password reset start: mail a reset link (the product's \"Forgot password?\")",
    description: `Zephr answers 404 for an unknown address; here every address gets the same 200 and body, so the endpoint does not tell who has an account. ${sameOrigin} ${ref("operation/Start_password_reset")}`,
    body: { schema: zephrStartByMailBodySchema, contentType: "application/json", required: true },
    responses: {
      200: { description: "Accepted (whatever the address).", json: zephrMessageResponseSchema },
      ...zephrBodyErrors,
      ...crossOrigin,
      429: zephrError("Too many requests from this network.", ["rate_limited"]),
      ...zephrSiteErrors,
    },
  },
  {
    operationId: "zephrCompletePasswordReset",
    hosts: ["site"],
    method: "post",
    path: "/blaize/users/reset/{state}",
    tag: "zephr",
    summary: "Zephr's password reset completion: `state` is the emailed link's token; sets the password, signs this browser in and every other device out",
    description: `${sameOrigin} ${ref("operation/Complete_password_reset")}`,
    pathParams: zephrResetStateSchema,
    body: { schema: zephrResetCompleteBodySchema, contentType: "application/json", required: true },
    responses: {
      200: { description: "Changed and signed in.", json: zephrMessageResponseSchema },
      ...zephrBodyErrors,
      ...crossOrigin,
      404: zephrError("The link is expired, used or unknown (or not a site of this app).", ["not_found", "unknown_host", "unknown_site"]),
      429: zephrError("Too many attempts from this network.", ["rate_limited"]),
    },
  },
  {
    operationId: "zephrForgetMe",
    hosts: ["site"],
    method: "post",
    path: "/blaize/forget-me",
    tag: "zephr",
    summary: "Zephr's forget-me: delete the signed-in reader's account (the product's account deletion, POST /api/account/delete)",
    description: `Zephr deletes on the session cookie alone; here the reader proves it is them again: \`{"validators": {"password"}}\` deletes at once (the password counted by the sign-in throttle), no body mails a confirmation link (202). Deleting revokes every session and SSO token, erases the profile, anonymises the audit rows and frees the address. ${sameOrigin}`,
    security: ["siteSession"],
    body: { schema: zephrForgetMeBodySchema, contentType: "application/json", required: false },
    responses: {
      200: { description: "Deleted.", json: zephrMessageResponseSchema },
      202: { description: "A confirmation link was mailed to the account's address.", json: zephrMessageResponseSchema },
      ...zephrBodyErrors,
      ...notSignedIn,
      403: zephrError("Wrong password, or a cross-origin request.", ["forbidden", "csrf_failed"]),
      429: zephrError("Too many failed sign-ins, or too many mails to the address.", ["rate_limited"]),
      ...zephrSiteErrors,
    },
  },
];
