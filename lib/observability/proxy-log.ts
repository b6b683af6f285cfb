// The proxy's share of request logging and metrics (see request-log.ts for who logs what):
// requests it answers itself (redirects, host errors, failures) with their status, and page
// renders it forwards, whose status it cannot see. Requests it forwards to a route handler are
// left to that handler, so every request gets exactly one line.
import { matchRouteTemplate } from "@/lib/api-contract/route-match";
import { clientIp } from "@/lib/http/client-ip";
import { classifyPath } from "@/lib/http/path-kind";
import { parseHost } from "@/lib/hosts/parse-host";
import type { ProductPart } from "./request-context";
import { logRequest } from "./request-log";
import { httpRequestDuration, httpRequests } from "./sso-metrics";

export function recordProxyAnswer(options: {
  request: Request & { nextUrl: URL };
  response: Response;
  part: ProductPart;
  requestId: string;
  startedAt: number;
  /** Rewritten to a page or route handler (its status is not known here). */
  forwarded: boolean;
}): void {
  const { request, part } = options;
  const pathname = request.nextUrl.pathname;
  // Endpoints (lib/http/path-kind.ts) log themselves; everything else is a page.
  const { isEndpoint } = classifyPath(pathname, part === "ops" || part === "none" ? null : part);
  if (options.forwarded && isEndpoint) return;
  const matched = matchRouteTemplate(part, pathname);
  const route = matched === "unmatched" && !isEndpoint ? "page" : matched;
  const durationMs = Date.now() - options.startedAt;
  if (!options.forwarded) {
    httpRequests.inc({ part, route, method: request.method, status: String(options.response.status) });
    httpRequestDuration.observe({ part, route, method: request.method }, durationMs / 1000);
  }
  logRequest({
    requestId: options.requestId,
    host: parseHost(request.headers.get("host"))?.hostname ?? null,
    part,
    method: request.method,
    route,
    status: options.forwarded ? null : options.response.status,
    durationMs,
    ip: clientIp(request.headers),
    ...(options.forwarded ? { forwarded: "page" as const } : {}),
  });
}
