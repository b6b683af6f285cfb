// POST /blaize/forget-me {"validators"?: {"password"}} — Zephr's forget-me as the product's
// account deletion (lib/zephr/forget-me.ts): with the password, deleted at once (200); without,
// a confirmation link is mailed (202). Same-origin only, like every state-changing site path.
import { rejectZephrMethodsExcept, withZephrRoute } from "@/app/_lib/zephr-route";
import { clientIp } from "@/lib/http/client-ip";
import { jsonResponse } from "@/lib/http/json-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { readDeviceSecret } from "@/lib/auth/sign-in-outcome";
import { zephrMessageResponseSchema } from "@/lib/zephr/bodies";
import { forgetMe, zephrForgetMeBodySchema } from "@/lib/zephr/forget-me";

export const POST = withZephrRoute(async ({ request, outcome }) => {
  assertSameOrigin(request);
  const body = await readJsonBody(request, zephrForgetMeBodySchema, { maxBytes: 1024, allowEmpty: true });
  const result = await forgetMe({ context: outcome.context, body, ip: clientIp(request.headers), deviceSecret: readDeviceSecret(request.cookies, outcome.secure) });
  return jsonResponse(zephrMessageResponseSchema, { message: result.message }, { status: result.status });
});

export const { GET, PUT, PATCH, DELETE } = rejectZephrMethodsExcept("POST");
