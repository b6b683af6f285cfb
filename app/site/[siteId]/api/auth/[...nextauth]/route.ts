// /api/auth/* — next-auth on a site host (csrf, callback/credentials, session, signout).
// Around next-auth: throttled sign-ins (decided in authorize, before any password work) answer
// 429 with the error shape; a successful sign-in
// sets the rotated site-session cookie; next-auth's sign-out logs out like POST /api/logout
// with the mode's default scope.
import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { ApiError, toErrorResponse } from "@/lib/errors";
import { applyCookies } from "@/lib/http/apply-cookies";
import { readTextCapped } from "@/lib/http/read-json-body";
import { NEXT_AUTH_FORM_MAX_BYTES } from "@/lib/http/body-limits";
import { clientIp } from "@/lib/http/client-ip";
import { answerSignInOutcome, createSignInOutcome, readDeviceSecret } from "@/lib/auth/sign-in-outcome";
import { csrfCookieName, verifyNextAuthCsrf } from "@/lib/auth/verify-next-auth-csrf";
import { getAuthSecret } from "@/lib/env";
import { buildSiteAuthOptions } from "@/lib/auth/site-auth-options";
import { withNextAuthErrorShape } from "@/lib/auth/next-auth-error-shape";
import { assertAcceptableCallbackUrls, assertNextAuthWords, withoutUnacceptableCallbackCookies } from "@/lib/auth/next-auth-callback-url";
import { logout } from "@/lib/sso/logout";
import { resolveSiteRequest, sessionCookie } from "@/lib/sso/resolve-site-request";
import { getDefaultLogoutScope, isLogoutScopeAllowed } from "@/lib/sso/modes";
import { rejectMethodsExcept } from "@/lib/http/method-not-allowed";
import { observeRoute } from "@/lib/observability/observe-route";

type Context = { params: Promise<{ siteId: string; nextauth: string[] }> };

async function handle(request: NextRequest, routeContext: Context): Promise<Response> {
  try {
    const { siteId, nextauth } = await routeContext.params;
    const outcome = await resolveSiteRequest({ siteId, request, allowHandshake: false });
    if (!outcome) throw new ApiError("unknown_site", "No site is served at this address.");
    const ip = clientIp(request.headers);
    const action = nextauth.join("/");
    assertAcceptableCallbackUrls(request.nextUrl.searchParams);
    assertNextAuthWords({ segments: nextauth, searchParams: request.nextUrl.searchParams });
    // next-auth answers a GET of a Credentials callback with a 500 ("not supported"): it is the client's mistake.
    if (action.startsWith("callback/") && request.method !== "POST") {
      const response = toErrorResponse(new ApiError("method_not_allowed", "Sign-in forms are posted."));
      response.headers.set("allow", "POST");
      return response;
    }
    const cookies = [...outcome.cookies];

    // next-auth's own endpoints take forms; anything else is refused here rather than left to
    // next-auth's body parser, which throws on malformed JSON.
    const formText = request.method === "POST" ? await readFormText(request) : null;
    const form = formText === null ? null : new URLSearchParams(formText);

    const csrfValid =
      form !== null &&
      verifyNextAuthCsrf({ cookieValue: request.cookies.get(csrfCookieName(outcome.secure))?.value, formToken: form.get("csrfToken"), secret: getAuthSecret() });
    // Only a CSRF-checked sign-out signs the reader out (next-auth itself refuses the others).
    if (request.method === "POST" && action === "signout" && csrfValid && outcome.context.session?.readerId) {
      const mode = outcome.context.site.mode;
      const where = getDefaultLogoutScope(mode);
      const result = await logout({ context: outcome.context, where: isLogoutScopeAllowed(mode, where) ? where : "JUST_HERE", ip, userAgent: request.headers.get("user-agent") });
      if (result.secret) cookies.push(sessionCookie(result.secret, outcome.context, outcome.secure));
    }

    const signIn = createSignInOutcome();
    const options = buildSiteAuthOptions({
      context: outcome.context,
      ip,
      userAgent: request.headers.get("user-agent"),
      secure: outcome.secure,
      deviceSecret: readDeviceSecret(request.cookies, outcome.secure),
      events: { onSignedIn: ({ secret }) => cookies.push(sessionCookie(secret, outcome.context, outcome.secure)) },
      outcome: signIn,
    });
    // The body was read (capped) above; next-auth gets the same bytes, and no cookie it would choke on.
    const cleanCookies = withoutUnacceptableCallbackCookies(request.headers.get("cookie"));
    const headers = new Headers(request.headers);
    if (cleanCookies !== null) headers.set("cookie", cleanCookies);
    const forwarded =
      formText === null && cleanCookies === null ? request : new NextRequest(request.url, { method: request.method, headers, ...(formText === null ? {} : { body: formText }) });
    const response: Response = await NextAuth(forwarded, { params: routeContext.params }, options);
    // A throttled attempt (its slots were reserved before any password work) answers 429.
    return answerSignInOutcome(applyCookies(await withNextAuthErrorShape(response), cookies), signIn, outcome.secure);
  } catch (error) {
    return toErrorResponse(error);
  }
}

async function readFormText(request: NextRequest): Promise<string> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded")) {
    throw new ApiError("unsupported_media_type", "Send next-auth forms as application/x-www-form-urlencoded.");
  }
  return readTextCapped(request, NEXT_AUTH_FORM_MAX_BYTES);
}

const observed = observeRoute(handle);
export { observed as GET, observed as POST };

export const { PUT, PATCH, DELETE } = rejectMethodsExcept("GET", "POST");
