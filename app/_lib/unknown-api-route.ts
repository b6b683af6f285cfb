// Any /api path that no route handles: the error shape, not Next's HTML 404 page.
import { errorBody } from "@/lib/errors";
import { observeRoute } from "@/lib/observability/observe-route";

const notFound = observeRoute(async (_request: Request, _context: unknown): Promise<Response> =>
  Response.json(errorBody("not_found", "No such API endpoint."), { status: 404, headers: { "cache-control": "no-store" } }),
);

export const unknownApiRoute = { GET: notFound, POST: notFound, PUT: notFound, PATCH: notFound, DELETE: notFound };
