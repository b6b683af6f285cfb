// GET /signin?site=<slug>&state=<nonce>[&view=…] — the auth domain's hosted sign-in page for one
// of its organisation's sites, branded for it (lib/sso/hosted-pages.ts). A plain page from a route
// handler like every answer of the auth domain: no script; a site of another organisation, or
// an organisation that does not host sign-in, gets a plain 404 page; SSO off sends the reader
// back to the site.
import type { NextRequest } from "next/server";
import { z } from "zod";
import { reportError } from "@/lib/errors";
import { applyCookies } from "@/lib/http/apply-cookies";
import { cookieName, isSecureRequest } from "@/lib/http/cookies";
import { plainErrorResponse } from "@/lib/http/error-response";
import { parseQuery } from "@/lib/http/parse-query";
import { getRequestOrigin } from "@/lib/http/request-origin";
import { redirectResponse, secretBearingHeaders } from "@/lib/http/security-headers";
import { observeRoute } from "@/lib/observability/observe-route";
import { hostedCsrfToken, hostedPageHeaders, renderHostedPage } from "@/lib/sso/hosted-pages";
import { findContinueReader, findHostedSite, hostedPageQuerySchema, isHostedSignInOn, siteHomeUrl } from "@/lib/sso/hosted-sign-in";

export const GET = observeRoute(async (request: NextRequest, { params }: { params: Promise<{ orgId: string }> }): Promise<Response> => {
  try {
    const orgId = z.uuid().parse((await params).orgId);
    const origin = getRequestOrigin(request);
    const secure = origin !== null && isSecureRequest(origin);
    const query = parseQuery(request.nextUrl.searchParams, hostedPageQuerySchema);
    const site = await findHostedSite({ orgId, siteSlug: query.site });
    if (!site.hostedSignIn) return plainErrorResponse({ status: 404, code: "not_found", message: "Sign-in is not hosted on this domain.", pathname: "/signin", headers: secretBearingHeaders });
    if (!isHostedSignInOn(site)) return redirectResponse(siteHomeUrl(site));
    const view = query.view ?? "signin";
    const csrf = hostedCsrfToken(request.cookies.get(cookieName("hostedCsrf", secure))?.value, secure);
    const continueAs = view === "continue" ? await findContinueReader({ orgId, tokenSecret: request.cookies.get(cookieName("ssoToken", secure))?.value ?? null }) : null;
    const html = renderHostedPage({ site, view, state: query.state, csrf: csrf.token, continueAs });
    const response = new Response(html, { status: 200, headers: hostedPageHeaders(site) });
    return applyCookies(response, csrf.cookie ? [csrf.cookie] : []);
  } catch (error) {
    const apiError = reportError("hosted-sign-in", error);
    return plainErrorResponse({ status: apiError.status, code: apiError.code, message: apiError.message, pathname: "/signin", headers: secretBearingHeaders });
  }
});
