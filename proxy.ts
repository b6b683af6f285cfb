// proxy.ts — resolves the request's Host to its part of the product (auth domain, site,
// admin console) and rewrites into that part's route tree. Decisions live in lib/hosts and
// lib/sso; this file only applies their verdicts.
import { NextResponse, type NextRequest } from "next/server";
import { reportError } from "@/lib/errors";
import { applyCookies } from "@/lib/http/apply-cookies";
import { plainErrorResponse } from "@/lib/http/error-response";
import { pinForwardedHost, refuseOutOfContract } from "@/lib/http/proxy-request";
import { redirectResponse, withPartSecurityHeaders } from "@/lib/http/security-headers";
import { routeRequest } from "@/lib/hosts/route-request";
import { proxySiteRequest, stripInternalHeaders } from "@/lib/sso/proxy-site-request";

export async function proxy(request: NextRequest): Promise<Response> {
  const pathname = request.nextUrl.pathname;
  try {
    const verdict = await routeRequest({ host: request.headers.get("host"), pathname });
    if (verdict.action === "reject") return plainErrorResponse({ ...verdict, pathname });
    const refusal = refuseOutOfContract({ method: request.method, pathname }, verdict.target.kind);
    if (refusal) return withPartSecurityHeaders(plainErrorResponse({ ...refusal, pathname }), verdict.target.kind, pathname);
    const url = request.nextUrl.clone();
    url.pathname = verdict.pathname;

    if (verdict.target.kind !== "site") {
      const rewrite = NextResponse.rewrite(url, { request: { headers: pinForwardedHost(stripInternalHeaders(request.headers), verdict.host) } });
      return withPartSecurityHeaders(rewrite, verdict.target.kind, pathname);
    }
    const site = await proxySiteRequest(request, verdict.target.siteId);
    if (site.action === "redirect") return applyCookies(redirectResponse(site.location), site.cookies);
    const rewrite = NextResponse.rewrite(url, { request: { headers: pinForwardedHost(site.requestHeaders, verdict.host) } });
    return applyCookies(withPartSecurityHeaders(rewrite, "site", pathname), site.cookies);
  } catch (error) {
    const apiError = reportError("proxy", error);
    return plainErrorResponse({ status: apiError.status, code: apiError.code, message: apiError.message, pathname });
  }
}

export const config = {
  // Everything except Next's own build assets, which are the same for every host.
  matcher: ["/((?!_next/static|_next/image).*)"],
};
