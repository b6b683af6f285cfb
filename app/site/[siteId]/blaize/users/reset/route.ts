// POST /blaize/users/reset {identifiers: {email_address}} — Zephr's password reset start: the
// product's "Forgot password?" (lib/account/password-reset.ts). Zephr documents a 404 for an
// unknown address; here every address gets the same 200 and body (the mail budgets and the
// per-network 429 are the product's), so the endpoint does not tell who has an account.
import { rejectZephrMethodsExcept, withZephrRoute } from "@/app/_lib/zephr-route";
import { requestPasswordReset } from "@/lib/account/password-reset";
import { clientIp } from "@/lib/http/client-ip";
import { jsonResponse } from "@/lib/http/json-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { zephrMessageResponseSchema, zephrStartByMailBodySchema } from "@/lib/zephr/bodies";

export const POST = withZephrRoute(async ({ request, outcome }) => {
  assertSameOrigin(request);
  const body = await readJsonBody(request, zephrStartByMailBodySchema, { maxBytes: 4096 });
  const answer = await requestPasswordReset({ site: outcome.context.site, email: body.identifiers.email_address, ip: clientIp(request.headers) });
  return jsonResponse(zephrMessageResponseSchema, answer);
});

export const { GET, PUT, PATCH, DELETE } = rejectZephrMethodsExcept("POST");
