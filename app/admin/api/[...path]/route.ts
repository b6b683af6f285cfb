// /api/* on the admin host that no route serves: the JSON error shape, not Next's HTML 404.
import { ApiError, toErrorResponse } from "@/lib/errors";

function notFound(): Response {
  return toErrorResponse(new ApiError("not_found", "No such endpoint in the admin API."));
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
