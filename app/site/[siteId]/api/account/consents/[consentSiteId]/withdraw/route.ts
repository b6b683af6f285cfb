// POST /api/account/consents/<site id>/withdraw — undo an Opt In "Continue" on that site.
import { withSiteRoute } from "@/app/_lib/site-route";
import { requireSignedIn } from "@/lib/account/require-signed-in";
import { withdrawConsent, withdrawConsentParamsSchema, withdrawConsentResponseSchema } from "@/lib/account/revoke-own-session";
import { jsonResponse } from "@/lib/http/json-response";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";

export const POST = withSiteRoute(async ({ request, params, outcome }) => {
  assertSameOrigin(request);
  const { readerId } = requireSignedIn(outcome.context);
  const { consentSiteId: siteId } = withdrawConsentParamsSchema.parse({ consentSiteId: params.consentSiteId });
  const revoked = await withdrawConsent({ orgId: outcome.context.site.orgId, readerId, siteId, tokenId: outcome.context.token?.id ?? null });
  return jsonResponse(withdrawConsentResponseSchema, { withdrawn: true, revokedSessions: revoked });
});

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
