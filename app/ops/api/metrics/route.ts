// GET /api/metrics — this instance's Prometheus metrics, on every host; bearer METRICS_TOKEN (none configured → 404).
import { errorBody } from "@/lib/errors";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { checkMetricsAccess } from "@/lib/observability/metrics-access";
import { renderMetrics } from "@/lib/observability/metrics";
import { observeRoute } from "@/lib/observability/observe-route";

export const dynamic = "force-dynamic";

export const GET = observeRoute(async (request: Request) => {
  const access = checkMetricsAccess(request.headers.get("authorization"));
  const headers = { "cache-control": "no-store" };
  if (access === "not_configured") return Response.json(errorBody("not_found", "No such API endpoint."), { status: 404, headers });
  if (access === "denied") {
    return Response.json(errorBody("unauthorized", "A valid metrics token is required."), { status: 401, headers: { ...headers, "www-authenticate": "Bearer" } });
  }
  return new Response(renderMetrics(), { headers: { ...headers, "content-type": "text/plain; version=0.0.4; charset=utf-8" } });
}, { log: false });

export const { POST, PUT, PATCH, DELETE } = rejectMethodsExcept("GET");
