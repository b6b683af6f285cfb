// POST /blaize/logout {"where"?} — Zephr's logout: the product's logout verb (lib/sso/logout.ts)
// with the same scopes and the same defaults per mode (THIS_DEVICE under Auto Login, JUST_HERE
// under Opt In) and the same refusal of JUST_HERE under Auto Login. Answers Zephr's
// {"message": "Session deleted"}; this browser's fresh session cookie comes with it.
import { rejectZephrMethodsExcept, withZephrRoute } from "@/app/_lib/zephr-route";
import { clientIp } from "@/lib/http/client-ip";
import { jsonResponse } from "@/lib/http/json-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { logout, logoutBodySchema } from "@/lib/sso/logout";
import { sessionCookie } from "@/lib/sso/resolve-site-request";
import { ZEPHR_MESSAGES, zephrMessageResponseSchema } from "@/lib/zephr/bodies";
import { ZEPHR_CODES, withZephrCodes } from "@/lib/zephr/zephr-codes";

export const POST = withZephrRoute(async ({ request, outcome, cookies }) => {
  assertSameOrigin(request);
  const body = await readJsonBody(request, logoutBodySchema, { maxBytes: 1024, allowEmpty: true });
  const result = await withZephrCodes(ZEPHR_CODES.logout, () =>
    logout({ context: outcome.context, where: body.where, ip: clientIp(request.headers), userAgent: request.headers.get("user-agent") }),
  );
  if (result.secret) cookies.push(sessionCookie(result.secret, outcome.context, outcome.secure));
  return jsonResponse(zephrMessageResponseSchema, { message: ZEPHR_MESSAGES.logout });
});

export const { GET, PUT, PATCH, DELETE } = rejectZephrMethodsExcept("POST");
