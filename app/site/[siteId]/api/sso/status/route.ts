// GET /api/sso/status — unknown | known | authenticated for this browser on this site.
// One database round trip (lib/sso/site-context.ts), plus a write only when Auto Login signs
// the session in on this request.
import { getSsoStatusBody, ssoStatusBodySchema } from "@/lib/sso/sso-status";
import { withSiteRoute } from "@/app/_lib/site-route";
import { jsonResponse } from "@/lib/http/json-response";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { statusRequests } from "@/lib/observability/sso-metrics";

export const GET = withSiteRoute(async ({ outcome }) => {
  const body = getSsoStatusBody(outcome.context);
  statusRequests.inc({ channel: "site", status: body.status });
  return jsonResponse(ssoStatusBodySchema, body);
});

export const { POST, PUT, PATCH, DELETE } = rejectMethodsExcept("GET");
