// /zephr/public/sessions/v1/sessions — Zephr's listUserSessions (GET) and deleteAllOtherSessions
// (DELETE), onto the product's own sessions list and "sign out of all other sessions"
// (lib/account/own-sessions.ts).
import { rejectZephrMethodsExcept, withZephrRoute } from "@/app/_lib/zephr-route";
import { listOwnSessions, revokeOtherSessions } from "@/lib/account/own-sessions";
import { clientIp } from "@/lib/http/client-ip";
import { jsonResponse } from "@/lib/http/json-response";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { zephrMessageResponseSchema } from "@/lib/zephr/bodies";
import { toZephrSessions, zephrSessionsResponseSchema } from "@/lib/zephr/sessions";

export const GET = withZephrRoute(async ({ outcome, siteId }) => jsonResponse(zephrSessionsResponseSchema, toZephrSessions(await listOwnSessions(outcome.context), siteId)));

export const DELETE = withZephrRoute(async ({ request, outcome }) => {
  assertSameOrigin(request);
  const { revokedSessions } = await revokeOtherSessions({ context: outcome.context, ip: clientIp(request.headers), userAgent: request.headers.get("user-agent") });
  return jsonResponse(zephrMessageResponseSchema, { message: `${revokedSessions} other session${revokedSessions === 1 ? "" : "s"} deleted` });
});

export const { POST, PUT, PATCH } = rejectZephrMethodsExcept("GET", "DELETE");
