// The proxy's share of request logging and metrics (see request-log.ts for who logs what):
// requests it answers itself (redirects, host errors, failures) with their status, and page
// renders it forwards, whose status it cannot see. Requests it forwards to a route handler are
// left to that handler, so every request gets exactly one line.
import { matchRouteTemplate } from "@/lib/api-contract/route-match";
import { clientIp } from "@/lib/http/client-ip";
import { parseHost } from "@/lib/hosts/parse-host";
import type { ProductPart } from "./request-context";
import { logRequest } from "./request-log";
import { httpRequestDuration, httpRequests } from "./sso-metrics";

/** Probes and scrapes, answered on every host by app/ops/** (before host resolution). */
const OPS_PATHS = new Set(["/api/health", "/api/ready", "/api/metrics"]);

export function opsPathFor(pathname: string): string | null {
  return OPS_PATHS.has(pathname) ? `/ops${pathname}` : null;
}

/** Route handlers live under /api and /sso (every part); everything else is a page. */
export function isRouteHandlerPath(pathname: string): boolean {
  return /^\/(api|sso)(\/|$)/.test(pathname);
}

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
  if (options.forwarded && isRouteHandlerPath(pathname)) return;
  const matched = matchRouteTemplate(part, pathname);
  const route = matched === "unmatched" && !isRouteHandlerPath(pathname) ? "page" : matched;
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
