// GET /zephr/public/sso/v1/status — Zephr's retrieveSSOStatus: {status, meta}. The same
// status as GET /api/sso/status (one rule: lib/sso/sso-status.ts), in Zephr's shape.
import { withZephrRoute, rejectZephrMethodsExcept } from "@/app/_lib/zephr-route";
import { jsonResponse } from "@/lib/http/json-response";
import { statusRequests } from "@/lib/observability/sso-metrics";
import { getSsoStatusBody } from "@/lib/sso/sso-status";
import { toZephrSsoStatus, zephrSsoStatusBodySchema } from "@/lib/zephr/sso-status";

export const GET = withZephrRoute(async ({ outcome }) => {
  const body = getSsoStatusBody(outcome.context);
  statusRequests.inc({ channel: "site", status: body.status });
  return jsonResponse(zephrSsoStatusBodySchema, toZephrSsoStatus(body));
});

export const { POST, PUT, PATCH, DELETE } = rejectZephrMethodsExcept("GET");
