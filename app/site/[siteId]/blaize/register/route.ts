// POST /blaize/register — Zephr's register: the product's registration (lib/auth/reader-sign-in.ts,
// the same policy, rate limits and mail as the registration form). A new account that may sign in
// at once is signed in here (Zephr's answer); otherwise — the address must be proven first, or it
// already has an account — one and the same 202 "check your email" answer, so registration does
// not tell who is registered.
import { rejectZephrMethodsExcept, withZephrRoute } from "@/app/_lib/zephr-route";
import { registerOnSite } from "@/lib/auth/reader-sign-in";
import { throttledError } from "@/lib/auth/sign-in-outcome";
import { ApiError } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { jsonResponse } from "@/lib/http/json-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { sessionCookie } from "@/lib/sso/resolve-site-request";
import { registrationInputOf, ZEPHR_MESSAGES, zephrMessageResponseSchema, zephrRegisterBodySchema, zephrSignedInResponseSchema } from "@/lib/zephr/bodies";
import { describeSessionCookie } from "@/lib/zephr/session-cookie";
import { zephrErrorResponse } from "@/lib/zephr/zephr-errors";

export const POST = withZephrRoute(async ({ request, outcome, cookies }) => {
  assertSameOrigin(request);
  const body = await readJsonBody(request, zephrRegisterBodySchema, { maxBytes: 8192 });
  const result = await registerOnSite({
    context: outcome.context,
    input: registrationInputOf(body),
    ip: clientIp(request.headers),
    userAgent: request.headers.get("user-agent"),
    returnPath: "/",
  });
  if (!result.ok && result.reason === "throttled") {
    const refused = zephrErrorResponse(throttledError({ scope: "registration", retryAfterSeconds: result.retryAfterSeconds }));
    refused.headers.set("retry-after", String(result.retryAfterSeconds));
    return refused;
  }
  if (!result.ok) throw new ApiError("validation_failed", result.message);
  if (result.outcome === "check_email") return jsonResponse(zephrMessageResponseSchema, { message: ZEPHR_MESSAGES.checkEmail }, { status: 202 });
  cookies.push(sessionCookie(result.signedIn.secret, outcome.context, outcome.secure));
  return jsonResponse(zephrSignedInResponseSchema, { cookie: describeSessionCookie(outcome.secure), message: ZEPHR_MESSAGES.registration, tracking_id: result.reader.id });
});

export const { GET, PUT, PATCH, DELETE } = rejectZephrMethodsExcept("POST");
