// The direct lane: the few endpoints every reader's browser calls most (GET /api/sso/status and
// the handshake's two route hops, /sso/handshake and /sso/callback) are left out of proxy.ts's
// matcher, because Next's middleware machinery costs more per request than everything
// proxy.ts does (docs/performance.md: ~0.4 ms of CPU per request on top of what proxy() itself
// costs). Their public paths land on these top-level routes, which run the SAME proxy()
// (routeThroughProxy) in-process and apply its verdict as Next would:
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
import { routeThroughProxy } from "@/proxy";

type Handler<P> = (request: NextRequest, context: { params: Promise<P> }) => Promise<Response> | Response;
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
type Method = (typeof METHODS)[number];

/** Headers Next lets the proxy and the handler both give (next/dist/server/send-response.js); of any other, the proxy's is kept. */
const BOTH_KEPT = ["vary", "www-authenticate", "proxy-authenticate"];

/** The proxy's response headers on the handler's answer, merged as Next merges them. */
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
    if (name === "set-cookie") return;
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
    // The proxy hands a rewrite on to this lane as the URL and the request headers themselves
    // (to Next's middleware it encodes them in response headers); it answers anything else itself.
    let rewrite: { url: URL; headers: Headers } | null = null;
    const verdict = await routeThroughProxy(request, (url, headers) => {
      rewrite = { url, headers };
      return new Response(null);
    });
    if (rewrite === null) return verdict;
    const { url, headers } = rewrite as { url: URL; headers: Headers };
    const params = internalPath.exec(url.pathname)?.groups;
    const handler = handlers[method];
    if (!params || !handler) {
      const notFound = plainErrorResponse({ status: params ? 405 : 404, code: params ? "method_not_allowed" : "not_found", message: params ? "This method is not allowed here." : "There is nothing at this address.", pathname: request.nextUrl.pathname });
      return withProxyHeaders(notFound, verdict);
    }
    const forwarded = new NextRequest(request.url, {
      method: request.method,
      headers,
      ...(request.body ? { body: request.body, duplex: "half" } : {}),
    });
    return withProxyHeaders(await handler(forwarded, { params: Promise.resolve({ ...params } as P) }), verdict);
  };
  return Object.fromEntries(METHODS.map((method) => [method, run(method)])) as Record<Method, (request: NextRequest) => Promise<Response>>;
}
