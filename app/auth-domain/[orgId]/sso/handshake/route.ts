// GET /sso/handshake — mint an OTT and send the browser back to the site's registered callback
// (with `error` instead when refused). Only top-level navigations are answered; anything else,
// an unknown site or a malformed query gets a plain 4xx page, never a redirect.
import type { NextRequest } from "next/server";
import { reportError } from "@/lib/errors";
import { applyCookies } from "@/lib/http/apply-cookies";
import { clientIp } from "@/lib/http/client-ip";
import { cookieName, cookieOptions, isSecureRequest } from "@/lib/http/cookies";
import { plainErrorResponse } from "@/lib/http/error-response";
import { getRequestOrigin } from "@/lib/http/request-origin";
import { parseQuery } from "@/lib/http/parse-query";
import { redirectResponse, secretBearingHeaders } from "@/lib/http/security-headers";
import { ApiError } from "@/lib/errors";
import { handshakeQuerySchema, isHandshakeNavigation, mintOneTimeToken } from "@/lib/sso/mint-one-time-token";
import { observeRoute } from "@/lib/observability/observe-route";

export const GET = observeRoute(async (request: NextRequest, { params }: { params: Promise<{ orgId: string }> }): Promise<Response> => {
  try {
    // Before anything is read or counted: an <img> or a fetch of another page spends no one's budget.
    if (!isHandshakeNavigation(request.headers)) throw new ApiError("not_navigation", "Sign-on is only answered to a page navigation.");
    const { orgId } = await params;
    const origin = getRequestOrigin(request);
    const secure = origin !== null && isSecureRequest(origin);
    const query = parseQuery(request.nextUrl.searchParams, handshakeQuerySchema);
    const tokenCookie = cookieName("ssoToken", secure);
    const outcome = await mintOneTimeToken({
      orgId,
      query,
      tokenSecret: request.cookies.get(tokenCookie)?.value ?? null,
      ip: clientIp(request.headers),
    });
    const response = redirectResponse(outcome.redirectTo);
    if (outcome.newTokenSecret) {
      applyCookies(response, [{ name: tokenCookie, value: outcome.newTokenSecret, options: cookieOptions(secure, outcome.tokenMaxAgeSeconds) }]);
    }
    return response;
  } catch (error) {
    const apiError = reportError("handshake", error);
    return plainErrorResponse({ status: apiError.status, code: apiError.code, message: apiError.message, pathname: "/sso/handshake", headers: secretBearingHeaders });
  }
});
