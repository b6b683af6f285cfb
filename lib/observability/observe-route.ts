// Wraps a route handler: one request log line and the HTTP metrics, with the final status
// (README, "Operations"). Errors the handler lets escape become the error shape here, so even
// a crash is logged and counted with its status.
import { matchRouteTemplate } from "@/lib/api-contract/route-match";
import { toErrorResponse } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { parseHost } from "@/lib/hosts/parse-host";
import { readRequestAnnotations } from "./request-context";
import { logRequest } from "./request-log";
import { httpRequestDuration, httpRequests } from "./sso-metrics";

type Handler<C> = (request: Request, context: C) => Promise<Response>;

export function recordRequest(request: Request, status: number, options: { log: boolean }): void {
  const annotations = readRequestAnnotations(request.headers, new URL(request.url).pathname);
  const route = matchRouteTemplate(annotations.part, annotations.publicPath);
  const seconds = (Date.now() - annotations.startedAt) / 1000;
  const method = request.method;
  httpRequests.inc({ part: annotations.part, route, method, status: String(status) });
  httpRequestDuration.observe({ part: annotations.part, route, method }, seconds);
  if (!options.log) return;
  logRequest({
    requestId: annotations.requestId,
    host: parseHost(request.headers.get("host"))?.hostname ?? null,
    part: annotations.part,
    method,
    route,
    status,
    durationMs: Math.round(seconds * 1000),
    ip: clientIp(request.headers),
  });
}

export function observeRoute<R extends Request, C>(handler: (request: R, context: C) => Promise<Response>, options: { log?: boolean } = {}): (request: R, context: C) => Promise<Response> {
  return async (request, context) => {
    let response: Response;
    try {
      response = await handler(request, context);
    } catch (error) {
      response = toErrorResponse(error);
    }
    recordRequest(request, response.status, { log: options.log ?? true });
    return response;
  };
}

export type { Handler };
