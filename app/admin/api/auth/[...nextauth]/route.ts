// /api/auth/* on the admin host — next-auth for staff (csrf, callback/credentials, session,
// signout). Around next-auth: a throttled sign-in answers 429 with the error shape before any
// password work; next-auth's signout revokes our staff session row (lib/auth/admin-auth-options.ts).
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { ApiError, toErrorResponse } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { NEXT_AUTH_FORM_MAX_BYTES } from "@/lib/http/body-limits";
import { readTextCapped } from "@/lib/http/read-json-body";
import { checkStaffSignInThrottle } from "@/lib/auth/admin-authenticate-staff";
import { buildAdminAuthOptions } from "@/lib/auth/admin-auth-options";
import { isSecureAdminRequest } from "@/lib/admin/current-staff";
import { observeRoute } from "@/lib/observability/observe-route";

type Context = { params: Promise<{ nextauth: string[] }> };

async function handle(request: NextRequest, routeContext: Context): Promise<Response> {
  try {
    const { nextauth } = await routeContext.params;
    const ip = clientIp(request.headers);
    if (request.method === "POST" && nextauth.join("/") === "callback/credentials") {
      // Read capped, like the sites' forms (the proxy already refuses a larger Content-Length).
      const form = new URLSearchParams(await readTextCapped(request.clone(), NEXT_AUTH_FORM_MAX_BYTES));
      const email = form.get("email");
      if (typeof email === "string" && email.length > 0) {
        const throttle = await checkStaffSignInThrottle({ email, ip });
        if (!throttle.allowed) {
          const minutes = Math.ceil(throttle.retryAfterSeconds / 60);
          const response = toErrorResponse(new ApiError("rate_limited", `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`));
          response.headers.set("retry-after", String(throttle.retryAfterSeconds));
          return response;
        }
      }
    }
    const options = buildAdminAuthOptions({ ip, userAgent: request.headers.get("user-agent"), secure: isSecureAdminRequest(request.headers) });
    const response: Response = await NextAuth(request, { params: routeContext.params }, options);
    response.headers.set("cache-control", "no-store");
    return response;
  } catch (error) {
    return toErrorResponse(error);
  }
}

const observed = observeRoute(handle);
export { observed as GET, observed as POST };
