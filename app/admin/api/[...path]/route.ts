// /api/* on the admin host that no route serves: the JSON error shape, not Next's HTML 404.
import { ApiError, toErrorResponse } from "@/lib/errors";
import { observeRoute } from "@/lib/observability/observe-route";

const notFound = observeRoute(async (_request: Request, _context: unknown) => toErrorResponse(new ApiError("not_found", "No such endpoint in the admin API.")));

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
