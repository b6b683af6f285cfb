// GET /api/bench/constant — the benchmark's ceiling: a route handler that returns a constant
// JSON body, behind the same proxy (host routing) as every other site route. Off (404) unless
// BENCH_ENDPOINTS=1, which only `npm run bench` sets.
import { env } from "@/lib/env";
import { errorBody } from "@/lib/errors";

const body = JSON.stringify({ ok: true });

export function GET(): Response {
  if (!env.BENCH_ENDPOINTS) return Response.json(errorBody("not_found", "No such API endpoint."), { status: 404 });
  return new Response(body, { headers: { "content-type": "application/json" } });
}
