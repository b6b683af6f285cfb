// POST /api/account/consents/<site id>/withdraw — undo an Opt In "Continue" on that site.
import { z } from "zod";
import { withSiteRoute } from "@/lib/http/site-route";
import { requireSignedIn } from "@/lib/account/require-signed-in";
import { withdrawConsent } from "@/lib/account/revoke-own-session";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { rejectMethodsExcept } from "@/lib/http/method-not-allowed";

export const POST = withSiteRoute(async ({ request, params, outcome }) => {
  assertSameOrigin(request);
  const { readerId } = requireSignedIn(outcome.context);
  const siteId = z.uuid().parse(params.consentSiteId);
  const revoked = await withdrawConsent({ orgId: outcome.context.site.orgId, readerId, siteId, tokenId: outcome.context.token?.id ?? null });
  return Response.json({ withdrawn: true, revokedSessions: revoked });
});

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
