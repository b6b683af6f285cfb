// What the proxy does to a request before its route sees it, besides routing: requests outside
// the HTTP contract of a site or an auth domain are answered here, and X-Forwarded-Host is pinned.
import type { ErrorCode } from "@/lib/errors";
import { MAX_REQUEST_BODY_BYTES } from "./body-limits";
import { classifyPath, type PathPart } from "./path-kind";
import { requestProtocol } from "./request-origin";
import { isValidRouterStateHeader, ROUTER_STATE_HEADER } from "./router-state-header";

export type Part = PathPart;
/** `json`: answer with the error shape whatever the path (refusals of a body: only API endpoints, /api or the auth domain's server-to-server /sso/*, take one). */
export type Refusal = { status: number; code: ErrorCode; message: string; headers?: Record<string, string>; json?: boolean };

/**
 * A malformed path (below) is a 400 everywhere, and so is a malformed `Next-Router-State-Tree`
 * header (lib/http/router-state-header.ts), which Next's renderer would answer with a 500 before
 * any code of ours runs. The proxy sees React's flight headers because next.config.js sets
 * `skipProxyUrlNormalize` (by default Next hides them from the proxy and restores them after it).
 *
 * Sites and auth domains serve their pages (and the SSO endpoints) by GET/HEAD only, and use no
 * Server Actions: any other method there is a 405 page (Next would otherwise render the page for
 * a PUT, or answer a stray `Next-Action` POST with a text/plain 400). /api paths keep their own
 * 405 (with the error shape). The admin console has its own rules.
 *
 * NOTE: an `RSC: 1` request to a route handler gets Next's 307 to the same path plus a
 * cache-busting `_rsc` parameter (its CDN cache-poisoning defence), and the endpoint's own
 * answer follows; that hop is Next's and harmless, so it is not refused here.
 */
export function refuseOutOfContract(request: { method: string; pathname: string; headers?: Headers }, part: Part): Refusal | null {
  const bodyRefusal = request.headers ? refuseBody(request.headers) : null;
  if (bodyRefusal) return bodyRefusal;
  if (isMalformedPath(request.pathname)) return { status: 400, code: "bad_request", message: "The path is not validly percent-encoded." };
  const routerState = request.headers?.get(ROUTER_STATE_HEADER);
  if (routerState !== null && routerState !== undefined && !isValidRouterStateHeader(routerState)) {
    return { status: 400, code: "bad_request", message: "The Next-Router-State-Tree header is not a valid router state." };
  }
  // /api paths and the auth domain's server-to-server API for external sites answer their own methods.
  if (part === "admin" || classifyPath(request.pathname, part).ownsMethods) return null;
  if (request.method !== "GET" && request.method !== "HEAD") {
    return { status: 405, code: "method_not_allowed", message: "Use GET.", headers: { allow: "GET, HEAD" } };
  }
  return null;
}

/**
 * No endpoint accepts a body over MAX_REQUEST_BODY_BYTES: a larger declared length is a 413
 * before any route runs. A chunked body (no Content-Length) is left to its route, which reads it
 * capped and answers the same 413 (lib/http/body-limits.ts says why Next's buffer lets it).
 */
function refuseBody(headers: Headers): Refusal | null {
  const declared = headers.get("content-length");
  if (declared === null || !/^\d{1,15}$/.test(declared.trim())) return null;
  if (Number(declared) > MAX_REQUEST_BODY_BYTES) {
    return { status: 413, code: "payload_too_large", message: `The body must be at most ${MAX_REQUEST_BODY_BYTES} bytes.`, json: true };
  }
  return null;
}

/**
 * A path with a broken percent-escape ("%", "%zz") or one that is not UTF-8 ("%ff") cannot name
 * anything of ours, and Next answers it with a 500 when it reaches a dynamic route segment (it
 * fails to decode the parameter). refuseOutOfContract refuses it with a 400, on every host.
 */
export function isMalformedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

/**
 * The Host header, validated against the database by the proxy, is the one name of a request.
 * next-auth (v4, with AUTH_TRUST_HOST) builds its URLs and judges callbackUrl against
 * X-Forwarded-Host when one is present, so a client-sent one would make it advertise and
 * redirect to any host: it is pinned to the validated Host. X-Forwarded-Proto likewise (next-auth
 * builds https URLs unless it says "http"): pinned to the scheme this request was judged to have
 * (lib/http/request-origin.ts — a trusted proxy's word, else http), so no route can read a
 * client's claim of https.
 */
export function pinForwardedHeaders(headers: Headers, host: string): Headers {
  headers.set("x-forwarded-host", host);
  headers.set("x-forwarded-proto", requestProtocol(headers) === "https:" ? "https" : "http");
  return headers;
}
