// POST /api/account/password-reset/complete {"token","password"} — the reset page's form: sets
// the new password, signs this browser in and every other device out.
import { clientIp } from "@/lib/http/client-ip";
import { jsonResponse } from "@/lib/http/json-response";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withSiteRoute } from "@/app/_lib/site-route";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { sessionCookie } from "@/lib/sso/resolve-site-request";
import { completePasswordReset, passwordResetCompleteResponseSchema, passwordResetCompleteSchema } from "@/lib/account/password-reset";

export const POST = withSiteRoute(async ({ request, outcome, cookies }) => {
  assertSameOrigin(request);
  const body = await readJsonBody(request, passwordResetCompleteSchema, { maxBytes: 4096 });
  const result = await completePasswordReset({ context: outcome.context, ...body, ip: clientIp(request.headers), userAgent: request.headers.get("user-agent") });
  cookies.push(sessionCookie(result.secret, outcome.context, outcome.secure));
  return jsonResponse(passwordResetCompleteResponseSchema, { signedIn: true, returnTo: result.returnTo });
});

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
