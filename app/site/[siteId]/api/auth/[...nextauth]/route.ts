// /api/auth/* — next-auth on a site host (csrf, callback/credentials, session, signout).
// Around next-auth: the request checked and read first (lib/auth/next-auth-site-request.ts);
// throttled sign-ins (decided in authorize, before any password work) answer 429 with the error
// shape; a successful sign-in sets the rotated site-session cookie; next-auth's sign-out logs out
// like POST /api/logout with the mode's default scope (lib/auth/next-auth-site-sign-out.ts).
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { ApiError, toErrorResponse } from "@/lib/errors";
import { applyCookies } from "@/lib/http/apply-cookies";
import { clientIp } from "@/lib/http/client-ip";
import { answerSignInOutcome, createSignInOutcome, readDeviceSecret } from "@/lib/auth/sign-in-outcome";
import { buildSiteAuthOptions } from "@/lib/auth/site-auth-options";
import { withNextAuthErrorShape } from "@/lib/auth/next-auth-error-shape";
import { readNextAuthSiteRequest } from "@/lib/auth/next-auth-site-request";
import { signOutThroughNextAuth } from "@/lib/auth/next-auth-site-sign-out";
import { resolveSiteRequest, sessionCookie } from "@/lib/sso/resolve-site-request";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { observeRoute } from "@/lib/observability/observe-route";

type Context = { params: Promise<{ siteId: string; nextauth: string[] }> };

async function handle(request: NextRequest, routeContext: Context): Promise<Response> {
  try {
    const { siteId, nextauth } = await routeContext.params;
    const outcome = await resolveSiteRequest({ siteId, request, allowHandshake: false });
    if (!outcome) throw new ApiError("unknown_site", "No site is served at this address.");
    const ip = clientIp(request.headers);
    const userAgent = request.headers.get("user-agent");
    const read = await readNextAuthSiteRequest(request, nextauth);
    if ("refusal" in read) return read.refusal;
    const cookies = [...outcome.cookies];
    if (read.action === "signout") cookies.push(...(await signOutThroughNextAuth({ outcome, form: read.form, requestCookies: request.cookies, ip, userAgent })));
    const signIn = createSignInOutcome();
    const options = buildSiteAuthOptions({
      context: outcome.context,
      ip,
      userAgent,
      secure: outcome.secure,
      deviceSecret: readDeviceSecret(request.cookies, outcome.secure),
      events: { onSignedIn: ({ secret }) => cookies.push(sessionCookie(secret, outcome.context, outcome.secure)) },
      outcome: signIn,
    });
    const response: Response = await NextAuth(read.forwarded, { params: routeContext.params }, options);
    // A throttled attempt (its slots were reserved before any password work) answers 429.
    return answerSignInOutcome(applyCookies(await withNextAuthErrorShape(response), cookies), signIn, outcome.secure);
  } catch (error) {
    return toErrorResponse(error);
  }
}

const observed = observeRoute(handle);
export { observed as GET, observed as POST };

export const { PUT, PATCH, DELETE } = rejectMethodsExcept("GET", "POST");
