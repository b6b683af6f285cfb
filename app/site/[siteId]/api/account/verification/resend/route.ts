// POST /api/account/verification/resend — the signed-in reader asks for their verification link again.
import { withSiteRoute } from "@/app/_lib/site-route";
import { requireSignedIn } from "@/lib/account/require-signed-in";
import { resendVerificationFromSite, resendVerificationResponseSchema } from "@/lib/account/email-verification-api";
import { jsonResponse } from "@/lib/http/json-response";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";

export const POST = withSiteRoute(async ({ request, outcome }) => {
  assertSameOrigin(request);
  const { readerId } = requireSignedIn(outcome.context);
  return jsonResponse(resendVerificationResponseSchema, await resendVerificationFromSite({ context: outcome.context, readerId }), { status: 202 });
});

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
