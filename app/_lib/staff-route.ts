// Wraps a route handler of the console's API that is about the staff member themselves rather
// than an organisation (their second factor, their sessions) or about nobody yet (accepting an
// invitation, a password reset): CSRF (same-origin) for every mutation, then the staff session
// at the stage the route needs, errors in the product's shape, never cached. A throttled code
// answers 429 with Retry-After (lib/account/throttled-answer.ts).
import type { NextRequest } from "next/server";
import { ApiError, toErrorResponse } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { formatOrigin, getRequestOrigin } from "@/lib/http/request-origin";
import { observeRoute } from "@/lib/observability/observe-route";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { answerThrottled } from "@/lib/account/throttled-answer";
import { getStaffSessionFor } from "@/lib/admin/current-staff";
import type { StaffSession } from "@/lib/admin/staff-sessions";
import type { SecondFactorStep } from "@/lib/staff/two-factor-policy";

type SignedInSession = Extract<StaffSession, { sessionId: string }>;

export type StaffRouteContext<P> = { request: NextRequest; params: P; ip: string; consoleOrigin: string };

/** The origin of this admin host, for links in mail (the proxy only routes ADMIN_HOSTS here). */
function consoleOriginOf(request: NextRequest): string {
  const origin = getRequestOrigin(request);
  if (!origin) throw new ApiError("bad_request", "No Host header.");
  return formatOrigin(origin);
}

/** A route anyone may call (its own rules decide): invitation acceptance, password reset. */
export function withPublicStaffRoute<P>(handler: (context: StaffRouteContext<P>) => Promise<Response>) {
  return observeRoute(async (request: NextRequest, { params }: { params: Promise<P> }): Promise<Response> => {
    try {
      assertSameOrigin(request);
      // A route without dynamic segments gets no params at all.
      const resolved = (await params) ?? ({} as P);
      const response = await answerThrottled(() => handler({ request, params: resolved, ip: clientIp(request.headers), consoleOrigin: consoleOriginOf(request) }));
      response.headers.set("cache-control", "no-store");
      return response;
    } catch (error) {
      return toErrorResponse(error);
    }
  });
}

/**
 * A route for a signed-in staff member. `steps`: the second-factor steps the session may be at
 * (null = fully signed in); any other refuses with 401, so a password alone reaches only what
 * finishing the sign-in needs.
 */
export function withStaffRoute<P>(
  options: { mutation: boolean; steps: SecondFactorStep[] },
  handler: (context: StaffRouteContext<P> & { session: SignedInSession }) => Promise<Response>,
) {
  return observeRoute(async (request: NextRequest, { params }: { params: Promise<P> }): Promise<Response> => {
    try {
      if (options.mutation) assertSameOrigin(request);
      const session = await getStaffSessionFor(request);
      if (!session.staff) throw new ApiError("unauthorized", "Sign in to the admin console first.");
      if (!options.steps.includes(session.secondFactor)) {
        throw new ApiError("unauthorized", session.secondFactor === null ? "You are signed in already." : "Finish signing in with your authenticator app first.");
      }
      const resolved = (await params) ?? ({} as P);
      const response = await answerThrottled(() =>
        handler({ request, params: resolved, ip: clientIp(request.headers), consoleOrigin: consoleOriginOf(request), session }),
      );
      response.headers.set("cache-control", "no-store");
      return response;
    } catch (error) {
      return toErrorResponse(error);
    }
  });
}
