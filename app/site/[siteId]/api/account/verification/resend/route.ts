// POST /api/account/verification/resend — mail the signed-in reader's confirmation link again
// (only while the address is unconfirmed; throttled per account).
import { withSiteRoute } from "@/lib/http/site-route";
import { clientIp } from "@/lib/http/client-ip";
import { jsonResponse } from "@/lib/http/json-response";
import { rejectMethodsExcept } from "@/lib/http/method-not-allowed";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { requireSignedIn } from "@/lib/account/require-signed-in";
import { resendVerification, resendVerificationResponseSchema } from "@/lib/account/resend-verification";
import { VERIFICATION_RESEND_PER_ACCOUNT } from "@/lib/security/rate-limits";

export const POST = withSiteRoute(async ({ request, outcome }) => {
  assertSameOrigin(request);
  const { readerId } = requireSignedIn(outcome.context);
  const { site } = outcome.context;
  await resendVerification({
    orgId: site.orgId,
    siteId: site.id,
    readerId,
    actor: { kind: "reader", ip: clientIp(request.headers) },
    budget: { key: `verify-resend:reader:${readerId}`, rule: VERIFICATION_RESEND_PER_ACCOUNT },
  });
  return jsonResponse(resendVerificationResponseSchema, { sent: true });
});

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
