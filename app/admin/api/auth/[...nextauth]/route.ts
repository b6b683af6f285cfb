// /api/auth/* on the admin host — next-auth for staff (csrf, callback/credentials, session,
// signout). Around next-auth: a throttled sign-in (decided in authorize, before any password
// work) answers 429 with the error shape; next-auth's signout revokes our staff session row (lib/auth/admin-auth-options.ts).
import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { toErrorResponse } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { NEXT_AUTH_FORM_MAX_BYTES } from "@/lib/http/body-limits";
import { readTextCapped } from "@/lib/http/read-json-body";
import { answerSignInOutcome, createSignInOutcome, readDeviceSecret } from "@/lib/auth/sign-in-outcome";
import { buildAdminAuthOptions } from "@/lib/auth/admin-auth-options";
import { isSecureAdminRequest } from "@/lib/admin/current-staff";
import { observeRoute } from "@/lib/observability/observe-route";

type Context = { params: Promise<{ nextauth: string[] }> };

async function handle(request: NextRequest, routeContext: Context): Promise<Response> {
  try {
    const ip = clientIp(request.headers);
    const secure = isSecureAdminRequest(request.headers);
    // Read capped, like the sites' forms (the proxy already refuses a larger Content-Length);
    // next-auth gets the same bytes.
    const formText = request.method === "POST" ? await readTextCapped(request, NEXT_AUTH_FORM_MAX_BYTES) : null;
    const forwarded = formText === null ? request : new NextRequest(request.url, { method: request.method, headers: request.headers, body: formText });
    const signIn = createSignInOutcome();
    const options = buildAdminAuthOptions({ ip, userAgent: request.headers.get("user-agent"), secure, deviceSecret: readDeviceSecret(request.cookies, secure), outcome: signIn });
    const response = answerSignInOutcome(await NextAuth(forwarded, { params: routeContext.params }, options), signIn, secure);
    response.headers.set("cache-control", "no-store");
    return response;
  } catch (error) {
    return toErrorResponse(error);
  }
}

const observed = observeRoute(handle);
export { observed as GET, observed as POST };
