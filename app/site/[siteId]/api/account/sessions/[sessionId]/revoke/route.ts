// POST /api/account/sessions/<id>/revoke — the signed-in reader signs out one of their sessions.
import { withSiteRoute } from "@/app/_lib/site-route";
import { requireSignedIn } from "@/lib/account/require-signed-in";
import { revokeOwnSession, revokeSessionParamsSchema, revokeSessionResponseSchema } from "@/lib/account/revoke-own-session";
import { jsonResponse } from "@/lib/http/json-response";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";

export const POST = withSiteRoute(async ({ request, params, outcome }) => {
  assertSameOrigin(request);
  const { readerId } = requireSignedIn(outcome.context);
  const { sessionId } = revokeSessionParamsSchema.parse({ sessionId: params.sessionId });
  await revokeOwnSession({ orgId: outcome.context.site.orgId, readerId, sessionId });
  return jsonResponse(revokeSessionResponseSchema, { revoked: true });
});

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
