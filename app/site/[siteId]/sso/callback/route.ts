// GET /sso/callback — redeem the OTT, link this browser's site session, return to the page it
// came from (a relative path only). With `error` instead of an OTT, the auth domain refused the
// handshake: the page renders unlinked (lib/sso/accept-handshake-refusal.ts). A failed handshake also returns there, marked so that it
// is not retried at once; with no session to mark, it stops on a plain page: no loops, ever.
// Each handshake has its own state cookie (tabs run handshakes concurrently): the `state` in
// the query names the one to read, and only that one is cleared.
import type { NextRequest } from "next/server";
import { z } from "zod";
import { reportError } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { cookieOptions } from "@/lib/http/cookies";
import { plainErrorResponse } from "@/lib/http/error-response";
import { redirectResponse, secretBearingHeaders } from "@/lib/http/security-headers";
import { applyCookies } from "@/lib/http/apply-cookies";
import { handshakeStateCookieName, parseHandshakeState } from "@/lib/sso/handshake-state";
import { isWellFormedSecret } from "@/lib/security/secrets";
import { redeemAtCallback } from "@/lib/sso/redeem-one-time-token";
import { acceptHandshakeRefusal, isHandshakeRefusal } from "@/lib/sso/accept-handshake-refusal";
import { resolveSiteRequest, sessionCookie } from "@/lib/sso/resolve-site-request";
import { observeRoute } from "@/lib/observability/observe-route";

export const GET = observeRoute(async (request: NextRequest, { params }: { params: Promise<{ siteId: string }> }): Promise<Response> => {
  try {
    const siteId = z.uuid().parse((await params).siteId);
    const outcome = await resolveSiteRequest({ siteId, request, allowHandshake: false });
    if (!outcome) return plainErrorResponse({ status: 404, code: "unknown_site", message: "No site is served at this address.", pathname: "/" });
    const { context, secure } = outcome;
    // A repeated parameter is ambiguous: treat it as missing (the redemption then fails cleanly).
    const single = (name: string) => {
      const values = request.nextUrl.searchParams.getAll(name);
      return values.length === 1 ? (values[0] ?? null) : null;
    };
    const state = single("state");
    const stateCookie = isWellFormedSecret(state) ? handshakeStateCookieName(state, secure) : null;
    const handshake = stateCookie ? parseHandshakeState(request.cookies.get(stateCookie)?.value) : null;
    const cookies = stateCookie ? [{ name: stateCookie, value: "", options: cookieOptions(secure, 0) }] : [];
    const refusal = single("error");
    if (isHandshakeRefusal(refusal) && request.nextUrl.searchParams.get("ott") === null) {
      // Refused by the auth domain: no redemption, nothing counted, the page renders unlinked.
      const accepted = await acceptHandshakeRefusal({ state, handshake, session: context.session });
      // With no session (cookies refused) a redirect could only start another handshake: stop here.
      if (!context.session) {
        const page = plainErrorResponse({ status: 400, code: "bad_request", message: "Sign-on could not be completed. Please continue to the site.", pathname: "/", headers: secretBearingHeaders });
        return applyCookies(page, cookies);
      }
      return applyCookies(redirectResponse(accepted.returnPath), cookies);
    }
    const result = await redeemAtCallback({
      site: { id: context.site.id, orgId: context.site.orgId },
      ott: single("ott"),
      state,
      handshake,
      session: context.session,
      userAgent: request.headers.get("user-agent"),
      ip: clientIp(request.headers),
    });
    if (!result.ok && !context.session) {
      const page = plainErrorResponse({ status: 400, code: "bad_request", message: "Sign-on could not be completed. Please continue to the site.", pathname: "/", headers: secretBearingHeaders });
      return applyCookies(page, cookies);
    }
    if (result.ok && result.newSessionSecret) cookies.push(sessionCookie(result.newSessionSecret, context, secure));
    return applyCookies(redirectResponse(handshake?.returnPath ?? "/"), cookies);
  } catch (error) {
    const apiError = reportError("callback", error);
    const page = plainErrorResponse({ status: apiError.status, code: apiError.code, message: apiError.message, pathname: "/", headers: secretBearingHeaders });
    return page;
  }
});
