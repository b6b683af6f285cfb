// POST /blaize/users/reset/{state} {validators: {password}} — Zephr's password reset completion:
// the product's (lib/account/password-reset.ts) with the emailed link's token as `state`. Sets
// the new password, signs this browser in and every other device out, as the reset page does.
// An unusable state is Zephr's 404 (the product's invalid_link, renamed: lib/zephr/zephr-codes.ts).
import { rejectZephrMethodsExcept, withZephrRoute } from "@/app/_lib/zephr-route";
import { completePasswordReset } from "@/lib/account/password-reset";
import { clientIp } from "@/lib/http/client-ip";
import { jsonResponse } from "@/lib/http/json-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { sessionCookie } from "@/lib/sso/resolve-site-request";
import { ZEPHR_MESSAGES, zephrMessageResponseSchema, zephrResetCompleteBodySchema, zephrResetStateSchema } from "@/lib/zephr/bodies";
import { ZEPHR_CODES, withZephrCodes } from "@/lib/zephr/zephr-codes";

export const POST = withZephrRoute(async ({ request, params, outcome, cookies }) => {
  assertSameOrigin(request);
  const { state } = zephrResetStateSchema.parse({ state: params.state });
  const body = await readJsonBody(request, zephrResetCompleteBodySchema, { maxBytes: 4096 });
  const result = await withZephrCodes(ZEPHR_CODES.resetComplete, () =>
    completePasswordReset({ context: outcome.context, token: state, password: body.validators.password, ip: clientIp(request.headers), userAgent: request.headers.get("user-agent") }),
  );
  cookies.push(sessionCookie(result.secret, outcome.context, outcome.secure));
  return jsonResponse(zephrMessageResponseSchema, { message: ZEPHR_MESSAGES.passwordReset });
});

export const { GET, PUT, PATCH, DELETE } = rejectZephrMethodsExcept("POST");
