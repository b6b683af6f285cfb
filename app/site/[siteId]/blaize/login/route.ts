// POST /blaize/login — Zephr's loginUserAccount. With identifiers and a password: the product's
// password sign-in (lib/auth/reader-sign-in.ts — the same throttle, lockout and "prove the
// address first" as the sign-in form). With `validators.use_sso` and no identifiers: the
// product's use_sso (lib/sso/login-with-sso.ts). Either way this site session is signed in
// (its cookie is Zephr's blaize_session here) and the answer is Zephr's.
import { rejectZephrMethodsExcept, withZephrRoute } from "@/app/_lib/zephr-route";
import { knownDeviceCookie, readDeviceSecret, throttledError } from "@/lib/auth/sign-in-outcome";
import { signInWithPasswordOnSite } from "@/lib/auth/reader-sign-in";
import { WRONG_CREDENTIALS_MESSAGE } from "@/lib/auth/field-messages";
import { ApiError } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { jsonResponse } from "@/lib/http/json-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { UNVERIFIED_SIGN_IN_MESSAGE } from "@/lib/account/email-verification";
import { loginWithSso } from "@/lib/sso/login-with-sso";
import { sessionCookie } from "@/lib/sso/resolve-site-request";
import { ZEPHR_MESSAGES, zephrLoginBodySchema, zephrSignedInResponseSchema } from "@/lib/zephr/bodies";
import { ZEPHR_CODES, withZephrCodes } from "@/lib/zephr/zephr-codes";
import { describeSessionCookie } from "@/lib/zephr/session-cookie";
import { zephrErrorResponse } from "@/lib/zephr/zephr-errors";

export const POST = withZephrRoute(async ({ request, outcome, cookies }) => {
  assertSameOrigin(request);
  const body = await readJsonBody(request, zephrLoginBodySchema, { maxBytes: 4096 });
  const { context } = outcome;
  const signedIn = (readerId: string) => jsonResponse(zephrSignedInResponseSchema, { cookie: describeSessionCookie(outcome.secure), message: ZEPHR_MESSAGES.login, tracking_id: readerId });

  if (!("identifiers" in body)) {
    const result = await withZephrCodes(ZEPHR_CODES.login, () => loginWithSso(context));
    cookies.push(sessionCookie(result.secret, result.context, outcome.secure));
    return signedIn(result.context.session?.readerId ?? "");
  }

  const result = await signInWithPasswordOnSite({
    context,
    email: body.identifiers.email_address,
    password: body.validators.password,
    ip: clientIp(request.headers),
    userAgent: request.headers.get("user-agent"),
    deviceSecret: readDeviceSecret(request.cookies, outcome.secure),
  });
  if (!result.ok && result.reason === "throttled") {
    const refused = zephrErrorResponse(throttledError(result));
    refused.headers.set("retry-after", String(result.retryAfterSeconds));
    return refused;
  }
  if ((result.ok || result.reason === "unverified") && result.newDeviceSecret) cookies.push(knownDeviceCookie(result.newDeviceSecret, outcome.secure));
  // Wrong address and wrong password: one answer (no enumeration), as on the sign-in form.
  if (!result.ok && result.reason === "invalid_credentials") throw new ApiError("unauthorized", WRONG_CREDENTIALS_MESSAGE);
  if (!result.ok) throw new ApiError("forbidden", UNVERIFIED_SIGN_IN_MESSAGE);
  cookies.push(sessionCookie(result.signedIn.secret, context, outcome.secure));
  return signedIn(result.reader.id);
});

export const { GET, PUT, PATCH, DELETE } = rejectZephrMethodsExcept("POST");
