// POST /api/account/sessions/revoke-others — sign out of every other session (other browsers and
// devices); this browser stays signed in (lib/account/own-sessions.ts).
import { withSiteRoute } from "@/app/_lib/site-route";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { revokeOtherSessions, revokeOtherSessionsResponseSchema } from "@/lib/account/own-sessions";
import { clientIp } from "@/lib/http/client-ip";
import { jsonResponse } from "@/lib/http/json-response";
import { assertSameOrigin } from "@/lib/security/same-origin";

export const POST = withSiteRoute(async ({ request, outcome }) => {
  assertSameOrigin(request);
  const result = await revokeOtherSessions({ context: outcome.context, ip: clientIp(request.headers), userAgent: request.headers.get("user-agent") });
  return jsonResponse(revokeOtherSessionsResponseSchema, result);
});

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
