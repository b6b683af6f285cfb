// CSRF defence for state-changing endpoints (design §7): the request must come from a page
// of the same origin. Browsers send Origin on every cross-origin and on same-origin
// non-GET requests; when it is absent, Sec-Fetch-Site (sent by every current browser) decides.
// A request with neither is refused: no browser that could be tricked sends neither.
import { ApiError } from "@/lib/errors";
import { formatOrigin, getRequestOrigin } from "@/lib/http/request-origin";

export function assertSameOrigin(request: { headers: Headers; url: string }): void {
  const own = getRequestOrigin(request);
  const origin = request.headers.get("origin");
  if (own && origin && origin !== "null") {
    if (origin === formatOrigin(own)) return;
    throw new ApiError("csrf_failed", "Cross-origin request refused.");
  }
  if (request.headers.get("sec-fetch-site") === "same-origin") return;
  throw new ApiError("csrf_failed", "Cross-origin request refused: no Origin header.");
}
