// Structured request logs: one JSON line per request on stdout, for a log shipper.
//
// Who writes the line: the proxy cannot see the status of a response that a route handler or
// a page renders after its rewrite, so
//   - route handlers (/api/*, /sso/*) log their own line on completion (observeRoute, applied
//     by withSiteRoute and the other handlers), with the final status;
//   - the proxy logs the requests it answers itself (handshake redirects, unknown or malformed
//     hosts, failures) with their status, and page renders it forwards with `"status": null`
//     and `"forwarded": "page"` (the render's own status is not visible to it);
//   - probes and scrapes (/api/health, /api/ready, /api/metrics) are not logged, only counted.
// Fields are a fixed set. Never a query string (it carries OTTs), a cookie, a header value or
// a body; `route` is a path template from the API contract, not the raw path.
//
// REQUEST_LOG=errors (the demo's default) writes instead one short line for each request
// answered 4xx/5xx and nothing else: on a terminal a newcomer reads, the thousands of
// successful lines (most of them page forwards with no status) buried the few that matter.
import { requestLogFormat } from "@/lib/env";
import type { ProductPart } from "./request-context";

export type RequestLogLine = {
  requestId: string;
  host: string | null;
  part: ProductPart;
  method: string;
  /** A template (`/api/account/sessions/{sessionId}/revoke`), `page`, or `unmatched`. */
  route: string;
  status: number | null;
  durationMs: number;
  ip: string;
  forwarded?: "page";
};

export function logRequest(line: RequestLogLine, format = requestLogFormat()): void {
  const text = formatRequestLine(line, format, new Date());
  if (text !== null) process.stdout.write(`${text}\n`);
}

/** The line to write for one request, or null for none. */
export function formatRequestLine(line: RequestLogLine, format: "json" | "errors" | "off", now: Date): string | null {
  if (format === "off") return null;
  if (format === "json") return JSON.stringify({ ts: now.toISOString(), level: "info", msg: "request", ...line });
  if (line.status === null || line.status < 400) return null;
  return `[request] ${now.toISOString().slice(11, 19)} ${line.status} ${line.method} ${line.host ?? "(no host)"} ${line.route} ${line.durationMs} ms (request id ${line.requestId})`;
}
