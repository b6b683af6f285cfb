// GET /api/bench/constant — `npm run bench` only: the benchmark's ceiling, a route handler that
// returns a constant JSON body behind the same proxy (host routing) as every other site route.
// Not a route of the product: `*.bench.ts` files become routes only in the bench's own build
// (MSS_BENCH_BUILD=1 → .next-bench, next.config.js); a production build answers this path
// like any unknown API path (404).
const body = JSON.stringify({ ok: true });

export function GET(): Response {
  return new Response(body, { headers: { "content-type": "application/json" } });
}
