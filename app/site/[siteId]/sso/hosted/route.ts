// GET /sso/hosted — start a hosted sign-in (lib/sso/hosted-sign-in.ts): keep the return path in
// this site's own state cookie (made safe by the one return-path rule) and send the browser to
// the auth domain's page for this site. Where hosted sign-in is off (or SSO is off for the
// site), the site's own page instead.
import type { NextRequest } from "next/server";
import { z } from "zod";
import { reportError } from "@/lib/errors";
import { applyCookies } from "@/lib/http/apply-cookies";
import { cookieOptions } from "@/lib/http/cookies";
import { plainErrorResponse } from "@/lib/http/error-response";
import { parseQuery } from "@/lib/http/parse-query";
import { getRequestOrigin, originOfSibling } from "@/lib/http/request-origin";
import { redirectResponse, secretBearingHeaders } from "@/lib/http/security-headers";
import { observeRoute } from "@/lib/observability/observe-route";
import { createHandshakeState, handshakeStateCookieName, serializeHandshakeState } from "@/lib/sso/handshake-state";
import { buildHostedPageUrl, findHostedSite, HOSTED_STATE_COOKIE_MAX_AGE_SECONDS, hostedStartQuerySchema, isHostedSignInOn, sitePagePath } from "@/lib/sso/hosted-sign-in";
import { resolveSiteRequest } from "@/lib/sso/resolve-site-request";

export const GET = observeRoute(async (request: NextRequest, { params }: { params: Promise<{ siteId: string }> }): Promise<Response> => {
  try {
    const siteId = z.uuid().parse((await params).siteId);
    const query = parseQuery(request.nextUrl.searchParams, hostedStartQuerySchema);
    const view = query.view ?? "signin";
    const outcome = await resolveSiteRequest({ siteId, request, allowHandshake: false });
    const origin = getRequestOrigin(request);
    if (!outcome || !origin) return plainErrorResponse({ status: 404, code: "unknown_site", message: "No site is served at this address.", pathname: "/" });
    const { context, secure } = outcome;
    const handshake = createHandshakeState(query.return ?? "/");
    const site = await findHostedSite({ orgId: context.site.orgId, siteSlug: context.site.slug });
    if (!isHostedSignInOn(site)) return redirectResponse(sitePagePath(view, handshake.returnPath));
    const response = redirectResponse(buildHostedPageUrl({ authOrigin: originOfSibling(origin, context.site.authHost), siteSlug: site.slug, state: handshake.state, view }));
    return applyCookies(response, [
      ...outcome.cookies,
      { name: handshakeStateCookieName(handshake.state, secure), value: serializeHandshakeState(handshake), options: cookieOptions(secure, HOSTED_STATE_COOKIE_MAX_AGE_SECONDS) },
    ]);
  } catch (error) {
    const apiError = reportError("hosted-sign-in", error);
    return plainErrorResponse({ status: apiError.status, code: apiError.code, message: apiError.message, pathname: "/", headers: secretBearingHeaders });
  }
});
