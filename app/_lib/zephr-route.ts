// Wraps a site's Zephr-compatible route (docs/zephr-compat.md): the same site-session step as
// every site API route (withSiteRoute), errors in Zephr's shape, and a catch-all's 404 / a
// route's 405 likewise — so a Zephr front end reads one shape on every /blaize and
// /zephr/public path.
import { observeRoute } from "@/lib/observability/observe-route";
import { zephrErrorBody, zephrErrorResponse } from "@/lib/zephr/zephr-errors";
import { rejectMethodsExceptWith } from "./method-not-allowed";
import { withSiteRoute, type SiteRouteContext } from "./site-route";

export function withZephrRoute(handler: (context: SiteRouteContext) => Promise<Response>) {
  return withSiteRoute(handler, { errorResponse: zephrErrorResponse });
}

/** Every method but `allowed`: 405 with Zephr's error shape and an Allow header. */
export function rejectZephrMethodsExcept(...allowed: Parameters<typeof rejectMethodsExceptWith>[1][]) {
  return rejectMethodsExceptWith(zephrErrorBody, ...allowed);
}

const notFound = observeRoute(async (_request: Request, _context: unknown): Promise<Response> =>
  Response.json(zephrErrorBody("not_found", "No such endpoint of the Zephr-compatible API."), { status: 404, headers: { "cache-control": "no-store" } }),
);

/** A /blaize or /zephr/public path no route serves. */
export const unknownZephrRoute = { GET: notFound, POST: notFound, PUT: notFound, PATCH: notFound, DELETE: notFound };
