// The direct lane: the few endpoints every reader's browser calls most (GET /api/sso/status and
// the handshake's two route hops, /sso/handshake and /sso/callback) are left out of proxy.ts's
// matcher, because Next's middleware machinery costs more per request than everything
// proxy.ts does (docs/performance.md: an empty proxy alone adds ~0.5 ms of CPU to a request;
// proxy() itself, called as a function, ~0.05 ms). Their public paths land on these top-level
// routes, which call the SAME proxy() in-process and apply its verdict as Next would:
//   - an answer of its own (unknown host, a refused method, an error) goes out unchanged;
//   - a rewrite runs the part's own route handler — the one the rewrite names, with the request
//     headers the proxy set (internal x-mss-* headers stripped and re-annotated, X-Forwarded-*
//     pinned) — and the proxy's response headers (security headers, request id, HSTS) are set
//     on its answer, replacing the handler's own of the same name, as Next merges them.
// So there is still one entrance and one set of rules (proxy.ts and what it calls); only who
// calls it differs. A rewrite to a part that has no such endpoint (the path on another part's
// host) is the 404 that part would give.
import { NextRequest } from "next/server";
import { plainErrorResponse } from "@/lib/http/error-response";
import { proxy } from "@/proxy";

type Handler<P> = (request: NextRequest, context: { params: Promise<P> }) => Promise<Response> | Response;
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
type Method = (typeof METHODS)[number];

const REWRITE = "x-middleware-rewrite";
const OVERRIDE = "x-middleware-override-headers";
const OVERRIDE_PREFIX = "x-middleware-request-";

/** The request headers a proxy rewrite hands on (NextResponse.rewrite's `request.headers`), as Next applies them. */
function forwardedRequestHeaders(verdict: Response): Headers {
  const headers = new Headers();
  for (const name of verdict.headers.get(OVERRIDE)?.split(",") ?? []) {
    const value = verdict.headers.get(`${OVERRIDE_PREFIX}${name.trim()}`);
    if (value !== null) headers.set(name.trim(), value);
  }
  return headers;
}

/** Headers Next lets the proxy and the handler both give (next/dist/server/send-response.js); of any other, the proxy's is kept. */
const BOTH_KEPT = ["vary", "www-authenticate", "proxy-authenticate"];

/** The proxy's response headers (not its instructions to Next) on the handler's answer, merged as Next merges them. */
function withProxyHeaders(answer: Response, verdict: Response): Response {
  try {
    mergeProxyHeaders(answer.headers, verdict);
    return answer;
  } catch {
    // Immutable headers (Response.redirect): the same answer with a copy of them.
    const headers = new Headers(answer.headers);
    mergeProxyHeaders(headers, verdict);
    return new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers });
  }
}

function mergeProxyHeaders(headers: Headers, verdict: Response): void {
  verdict.headers.forEach((value, name) => {
    if (name.startsWith("x-middleware-") || name === "set-cookie") return;
    if (BOTH_KEPT.includes(name) && headers.has(name)) headers.append(name, value);
    else headers.set(name, value);
  });
  for (const cookie of verdict.headers.getSetCookie()) headers.append("set-cookie", cookie);
}

/**
 * `internalPath`: the route the proxy rewrites this public path to, with its dynamic segments
 * as named groups named as that route's folders name them (e.g.
 * /^\/site\/(?<siteId>[^/]+)\/api\/sso\/status$/ for app/site/[siteId]/api/sso/status);
 * `handlers`: that route's module.
 */
export function directRoute<P extends Record<string, string>>(internalPath: RegExp, handlers: Partial<Record<Method, Handler<P>>>): Record<Method, (request: NextRequest) => Promise<Response>> {
  const run = (method: Method) => async (request: NextRequest): Promise<Response> => {
    const verdict = await proxy(request);
    const rewrite = verdict.headers.get(REWRITE);
    if (rewrite === null) return verdict;
    const target = new URL(rewrite, request.url);
    const params = internalPath.exec(target.pathname)?.groups;
    const handler = handlers[method];
    if (!params || !handler) {
      const notFound = plainErrorResponse({ status: params ? 405 : 404, code: params ? "method_not_allowed" : "not_found", message: params ? "This method is not allowed here." : "There is nothing at this address.", pathname: request.nextUrl.pathname });
      return withProxyHeaders(notFound, verdict);
    }
    const forwarded = new NextRequest(request.url, {
      method: request.method,
      headers: forwardedRequestHeaders(verdict),
      ...(request.body ? { body: request.body, duplex: "half" } : {}),
    });
    return withProxyHeaders(await handler(forwarded, { params: Promise.resolve({ ...params } as P) }), verdict);
  };
  return Object.fromEntries(METHODS.map((method) => [method, run(method)])) as Record<Method, (request: NextRequest) => Promise<Response>>;
}
