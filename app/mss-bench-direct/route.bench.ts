// GET /mss-bench-direct — `npm run bench` only: the bench's constant route
// (app/site/[siteId]/api/bench/constant/route.bench.ts) entered the way the direct lane enters
// the hottest endpoints (app/_lib/direct-route.ts: proxy() called in-process, Next's middleware
// not run: proxy.ts's matcher leaves /mss-bench-* out). Against the bare route it measures what
// proxy.ts's own code costs; against /api/bench/constant (the same handler behind Next's
// middleware) what Next's middleware machinery costs. Bench build only (next.config.js).
import * as constantRoute from "@/app/site/[siteId]/api/bench/constant/route.bench";
import { directRoute } from "@/app/_lib/direct-route";

export const { GET } = directRoute(/^\/site\/(?<siteId>[^/]+)\/mss-bench-direct$/, constantRoute);
