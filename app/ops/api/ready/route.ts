// GET /api/ready — readiness, on every host: 200 when the database answers and every migration of this build is applied, else 503.
import { jsonResponse } from "@/lib/http/json-response";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { checkReadiness, readinessBodySchema } from "@/lib/observability/readiness";
import { observeRoute } from "@/lib/observability/observe-route";

export const dynamic = "force-dynamic";

export const GET = observeRoute(async () => {
  const readiness = await checkReadiness();
  return jsonResponse(readinessBodySchema, readiness, { status: readiness.status === "ready" ? 200 : 503, headers: { "cache-control": "no-store" } });
}, { log: false });

export const { POST, PUT, PATCH, DELETE } = rejectMethodsExcept("GET");
