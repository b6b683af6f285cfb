// POST /api/account/email/confirm {"token"} — use a change-of-email link (the page at
// /account/email?token=… only shows the button: a GET never uses a link).
import { withSiteRoute } from "@/app/_lib/site-route";
import { clientIp } from "@/lib/http/client-ip";
import { readJsonBody } from "@/lib/http/read-json-body";
import { jsonResponse } from "@/lib/http/json-response";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { confirmEmailChange, confirmEmailChangeBodySchema, confirmEmailChangeResponseSchema } from "@/lib/account/change-email";

export const POST = withSiteRoute(async ({ request, outcome }) => {
  assertSameOrigin(request);
  const body = await readJsonBody(request, confirmEmailChangeBodySchema, { maxBytes: 1024 });
  const result = await confirmEmailChange({ context: outcome.context, token: body.token, ip: clientIp(request.headers) });
  return jsonResponse(confirmEmailChangeResponseSchema, { changed: true, email: result.email });
});

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
