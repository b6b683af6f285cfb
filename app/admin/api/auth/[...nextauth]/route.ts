// /api/auth/* on the admin host — next-auth for staff (csrf, callback/credentials, session,
// signout). Around next-auth: a throttled sign-in (decided in authorize, before any password
// work) answers 429 with the error shape; next-auth's signout revokes our staff session row (lib/auth/admin-auth-options.ts).
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { toErrorResponse } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { answerSignInOutcome, createSignInOutcome, readDeviceSecret } from "@/lib/auth/sign-in-outcome";
import { buildAdminAuthOptions } from "@/lib/auth/admin-auth-options";
import { isSecureAdminRequest } from "@/lib/admin/current-staff";
import { observeRoute } from "@/lib/observability/observe-route";

type Context = { params: Promise<{ nextauth: string[] }> };

async function handle(request: NextRequest, routeContext: Context): Promise<Response> {
  try {
    const ip = clientIp(request.headers);
    const secure = isSecureAdminRequest(request.headers, request.url);
    const signIn = createSignInOutcome();
    const options = buildAdminAuthOptions({ ip, userAgent: request.headers.get("user-agent"), secure, deviceSecret: readDeviceSecret(request.cookies, secure), outcome: signIn });
    const response = answerSignInOutcome(await NextAuth(request, { params: routeContext.params }, options), signIn, secure);
    response.headers.set("cache-control", "no-store");
    return response;
  } catch (error) {
    return toErrorResponse(error);
  }
}

const observed = observeRoute(handle);
export { observed as GET, observed as POST };
