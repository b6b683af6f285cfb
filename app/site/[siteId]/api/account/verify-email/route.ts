// POST /api/account/verify-email — uses an emailed verification link (the confirmation page's button).
import { withSiteRoute } from "@/app/_lib/site-route";
import { confirmEmailBodySchema, confirmEmailOnSite, confirmEmailResponseSchema } from "@/lib/account/email-verification-api";
import { jsonResponse } from "@/lib/http/json-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { clientIp } from "@/lib/http/client-ip";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";

export const POST = withSiteRoute(async ({ request, outcome, cookies }) => {
  assertSameOrigin(request);
  const { token } = await readJsonBody(request, confirmEmailBodySchema, { maxBytes: 1024 });
  const result = await confirmEmailOnSite({ context: outcome.context, token, ip: clientIp(request.headers), userAgent: request.headers.get("user-agent"), secure: outcome.secure, cookies });
  return jsonResponse(confirmEmailResponseSchema, result);
});

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
