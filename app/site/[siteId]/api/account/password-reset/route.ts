// POST /api/account/password-reset {"email"} — "Forgot password?". The same 202 and body whether
// or not the address has an account (lib/account/password-reset.ts).
import { clientIp } from "@/lib/http/client-ip";
import { jsonResponse } from "@/lib/http/json-response";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withSiteRoute } from "@/app/_lib/site-route";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { passwordResetRequestResponseSchema, passwordResetRequestSchema, requestPasswordReset } from "@/lib/account/password-reset";

export const POST = withSiteRoute(async ({ request, outcome }) => {
  assertSameOrigin(request);
  const body = await readJsonBody(request, passwordResetRequestSchema, { maxBytes: 2048 });
  const answer = await requestPasswordReset({ site: outcome.context.site, email: body.email, ip: clientIp(request.headers) });
  return jsonResponse(passwordResetRequestResponseSchema, answer, { status: 202 });
});

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
