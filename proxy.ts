// proxy.ts — resolves the request's Host to its part of the product (auth domain, site,
// admin console) and rewrites into that part's route tree. Decisions live in lib/hosts,
// lib/http and lib/sso; this file only applies their verdicts. Probes and scrapes
// (/api/health, /api/ready, /api/metrics) are routed first, whatever the Host, so they answer
// for an instance's own address and while the database (which host resolution needs) is down.
import { NextResponse, type NextRequest } from "next/server";
import { reportError } from "@/lib/errors";
import { applyCookies } from "@/lib/http/apply-cookies";
import { plainErrorResponse } from "@/lib/http/error-response";
import { pinForwardedHeaders, refuseOutOfContract } from "@/lib/http/proxy-request";
import { redirectResponse, withPartSecurityHeaders, withTransportSecurity } from "@/lib/http/security-headers";
import { opsPathFor, routeRequest } from "@/lib/hosts/route-request";
import { demoHostIndexResponse } from "@/lib/hosts/demo-host-index";
import { proxySiteRequest, stripInternalHeaders } from "@/lib/sso/proxy-site-request";
import { getAdminSecurityHeaders } from "@/lib/admin/security-headers";
import { env } from "@/lib/env";
import { annotateRequest, REQUEST_ID_HEADER, requestIdFrom, type ProductPart } from "@/lib/observability/request-context";
import { recordProxyAnswer } from "@/lib/observability/proxy-log";

/**
 * How a rewrite is handed on: to Next's middleware, as NextResponse.rewrite (the request headers
 * travel in Next's x-middleware-request-* response headers); to the direct lane
 * (app/_lib/direct-route.ts), as the URL and the Headers themselves. Either way the Response
 * returned carries the proxy's own response headers, which the proxy then sets on it.
 */
export type HandOn = (url: URL, requestHeaders: Headers) => Response;

const toNextMiddleware: HandOn = (url, requestHeaders) => NextResponse.rewrite(url, { request: { headers: requestHeaders } });

export function proxy(request: NextRequest): Promise<Response> {
  return routeThroughProxy(request, toNextMiddleware);
}

/** proxy.ts's whole decision for one request; `handOn` makes the response of a rewrite. */
export async function routeThroughProxy(request: NextRequest, handOn: HandOn): Promise<Response> {
  const startedAt = Date.now();
  const requestId = requestIdFrom(request.headers);
  const pathname = request.nextUrl.pathname;
  const annotate = (headers: Headers, part: ProductPart) => annotateRequest(headers, { requestId, part, publicPath: pathname, startedAt });
  const answer = (response: Response, part: ProductPart, forwarded = false) => {
    recordProxyAnswer({ request, response, part, requestId, startedAt, forwarded });
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return withTransportSecurity(response, request.headers);
  };

  const opsPath = opsPathFor(pathname);
  if (opsPath) {
    const url = request.nextUrl.clone();
    url.pathname = opsPath;
    const response = handOn(url, annotate(stripInternalHeaders(request.headers), "ops"));
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return withTransportSecurity(response, request.headers);
  }

  let part: ProductPart = "none";
  try {
    const verdict = await routeRequest({ host: request.headers.get("host"), pathname });
    if (verdict.action === "reject") {
      const demoIndex = demoHostIndexResponse({ host: request.headers.get("host"), pathname, hosts: env.DEMO_HOST_INDEX, mailUrl: env.DEMO_MAIL_URL });
      return answer(demoIndex ?? plainErrorResponse({ ...verdict, pathname }), part);
    }
    const target = verdict.target.kind;
    part = target;
    const refusal = refuseOutOfContract({ method: request.method, pathname, headers: request.headers }, target);
    if (refusal) return answer(withPartSecurityHeaders(plainErrorResponse({ ...refusal, pathname }), target, pathname), part);
    const url = request.nextUrl.clone();
    url.pathname = verdict.pathname;

    if (target === "admin") {
      const admin = getAdminSecurityHeaders({ isDevelopment: env.NODE_ENV === "development" });
      const headers = annotate(pinForwardedHeaders(stripInternalHeaders(request.headers), verdict.host), part);
      for (const [name, value] of Object.entries(admin.requestHeaders)) headers.set(name, value);
      const response = handOn(url, headers);
      for (const [name, value] of Object.entries(admin.responseHeaders)) response.headers.set(name, value);
      return answer(response, part, true);
    }
    if (target !== "site") {
      const headers = annotate(pinForwardedHeaders(stripInternalHeaders(request.headers), verdict.host), part);
      return answer(withPartSecurityHeaders(handOn(url, headers), target, pathname), part, true);
    }
    const site = await proxySiteRequest(request, verdict.target.siteId);
    if (site.action === "redirect") return answer(applyCookies(redirectResponse(site.location), site.cookies), part);
    const headers = annotate(pinForwardedHeaders(site.requestHeaders, verdict.host), part);
    return answer(applyCookies(withPartSecurityHeaders(handOn(url, headers), "site", pathname), site.cookies), part, true);
  } catch (error) {
    const apiError = reportError("proxy", error);
    return answer(plainErrorResponse({ status: apiError.status, code: apiError.code, message: apiError.message, pathname }), part);
  }
}

export const config = {
  // Everything except Next's own build assets and the favicon (app/favicon.ico), which are the
  // same for every host, and the bench-only routes (/mss-bench-*): OUTSIDE_PROXY_PREFIXES in
  // lib/http/path-kind.ts; and the direct lane's exact paths (DIRECT_LANE_PATHS there), whose
  // routes call proxy() themselves (app/_lib/direct-route.ts). Next cannot read those constants
  // here (the matcher must be a literal); path-kind.test.ts checks that the two agree.
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|mss-bench-|api/sso/status$|sso/handshake$|sso/callback$).*)"],
};
