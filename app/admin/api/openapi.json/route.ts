// GET /api/openapi.json — the OpenAPI 3.1 document of every public endpoint, generated from the handlers' zod schemas.
import { getOpenApiDocument } from "@/lib/api-contract/openapi-document";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { observeRoute } from "@/lib/observability/observe-route";

export const GET = observeRoute(async () => Response.json(getOpenApiDocument(), { headers: { "cache-control": "public, max-age=300" } }));

export const { POST, PUT, PATCH, DELETE } = rejectMethodsExcept("GET");
