// GET /mss-bench-bare — `npm run bench` only: the floor every other figure is compared with, a
// route handler returning a constant JSON body that proxy.ts never sees (its matcher leaves
// this path out; lib/http/path-kind.ts OUTSIDE_PROXY_PREFIXES), so bench/run.ts can measure
// what the proxy costs by itself. Not a route of the product: `*.bench.ts` files become routes
// only in the bench's own build (MSS_BENCH_BUILD=1 → .next-bench, next.config.js); a production
// build has nothing here and answers Next's plain 404 page.
const body = JSON.stringify({ ok: true });

export function GET(): Response {
  return new Response(body, { headers: { "content-type": "application/json" } });
}
