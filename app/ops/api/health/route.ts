// GET /api/health — liveness, on every host (proxy.ts routes it before host resolution). Never touches the database.
import { jsonResponse } from "@/lib/http/json-response";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { healthBodySchema } from "@/lib/observability/readiness";
import { observeRoute } from "@/lib/observability/observe-route";

export const dynamic = "force-dynamic";

export const GET = observeRoute(async () => jsonResponse(healthBodySchema, { status: "ok" }, { headers: { "cache-control": "no-store" } }), { log: false });

export const { POST, PUT, PATCH, DELETE } = rejectMethodsExcept("GET");
