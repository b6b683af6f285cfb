// /api/auth/* — next-auth on a site host (csrf, callback/credentials, session, signout).
// Around next-auth: throttled sign-ins answer 429 with the error shape; a successful sign-in
// sets the rotated site-session cookie; next-auth's sign-out logs out like POST /api/logout
// with the mode's default scope.
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { ApiError, toErrorResponse } from "@/lib/errors";
import { applyCookies } from "@/lib/http/apply-cookies";
import { clientIp } from "@/lib/http/client-ip";
import { checkSignInThrottle } from "@/lib/auth/authenticate-reader";
import { buildSiteAuthOptions } from "@/lib/auth/site-auth-options";
import { logout } from "@/lib/sso/logout";
import { resolveSiteRequest, sessionCookie } from "@/lib/sso/resolve-site-request";
import { getDefaultLogoutScope, isLogoutScopeAllowed } from "@/lib/sso/modes";

type Context = { params: Promise<{ siteId: string; nextauth: string[] }> };

async function handle(request: NextRequest, routeContext: Context): Promise<Response> {
  try {
    const { siteId, nextauth } = await routeContext.params;
    const outcome = await resolveSiteRequest({ siteId, request, allowHandshake: false });
    if (!outcome) throw new ApiError("unknown_site", "No site is served at this address.");
    const ip = clientIp(request.headers);
    const action = nextauth.join("/");
    const cookies = [...outcome.cookies];

    if (request.method === "POST" && action === "callback/credentials") {
      const form = await request.clone().formData().catch(() => null);
      const email = form?.get("email");
      if (typeof email === "string" && email.length > 0) {
        const throttle = await checkSignInThrottle({ orgId: outcome.context.site.orgId, email, ip });
        if (!throttle.allowed) {
          const response = toErrorResponse(new ApiError("rate_limited", `Too many failed sign-ins. Try again in ${Math.ceil(throttle.retryAfterSeconds / 60)} minute(s).`));
          response.headers.set("retry-after", String(throttle.retryAfterSeconds));
          return response;
        }
      }
    }
    if (request.method === "POST" && action === "signout" && outcome.context.session?.readerId) {
      const mode = outcome.context.site.mode;
      const where = getDefaultLogoutScope(mode);
      const result = await logout({ context: outcome.context, where: isLogoutScopeAllowed(mode, where) ? where : "JUST_HERE", ip, userAgent: request.headers.get("user-agent") });
      if (result.secret) cookies.push(sessionCookie(result.secret, outcome.context, outcome.secure));
    }

    const options = buildSiteAuthOptions({
      context: outcome.context,
      ip,
      userAgent: request.headers.get("user-agent"),
      secure: outcome.secure,
      events: { onSignedIn: ({ secret }) => cookies.push(sessionCookie(secret, outcome.context, outcome.secure)) },
    });
    const response: Response = await NextAuth(request, { params: routeContext.params }, options);
    return applyCookies(response, cookies);
  } catch (error) {
    return toErrorResponse(error);
  }
}

export { handle as GET, handle as POST };
