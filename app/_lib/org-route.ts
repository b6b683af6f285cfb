// Wraps an organisation-scoped route handler of the console's JSON API: CSRF (same-origin)
// for every mutation, the staff session and role checked against Postgres on this request,
// errors in the product's shape ({"error":{"code","message"}}), never cached.
//
// NOTE: automation authenticates with a staff session cookie and must send an Origin header
// on mutations. API tokens for machine clients (hashed, scoped to one organisation and role)
// are future work; when they arrive they plug in here, next to the cookie.
import type { NextRequest } from "next/server";
import { ApiError, toErrorResponse } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { observeRoute } from "@/lib/observability/observe-route";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { getStaffSessionFor } from "@/lib/admin/current-staff";
import { checkOrgRole, type OrgAccess } from "@/lib/admin/org-access";
import type { StaffRole } from "@/lib/admin/roles";

export type OrgRouteContext<P> = {
  request: NextRequest;
  params: P;
  access: Extract<OrgAccess, { ok: true }>;
  ip: string;
};

export function accessError(reason: Extract<OrgAccess, { ok: false }>["reason"]): ApiError {
  if (reason === "unauthenticated") return new ApiError("unauthorized", "Sign in to the admin console first.");
  if (reason === "second_factor") return new ApiError("unauthorized", "Finish signing in with your authenticator app first.");
  if (reason === "forbidden") return new ApiError("forbidden", "Your role in this organisation does not allow this.");
  return new ApiError("not_found", "No such organisation.");
}

export function withOrgRoute<P extends { orgSlug: string }>(
  options: { role: StaffRole; mutation: boolean },
  handler: (context: OrgRouteContext<P>) => Promise<Response>,
) {
  return observeRoute(async (request: NextRequest, { params }: { params: Promise<P> }): Promise<Response> => {
    try {
      // Before anything else: a cross-site request learns nothing, not even whether it is signed in.
      if (options.mutation) assertSameOrigin(request);
      const resolved = await params;
      const access = checkOrgRole(await getStaffSessionFor(request), { orgSlug: resolved.orgSlug, role: options.role });
      if (!access.ok) throw accessError(access.reason);
      const response = await handler({ request, params: resolved, access, ip: clientIp(request.headers) });
      response.headers.set("cache-control", "no-store");
      return response;
    } catch (error) {
      return toErrorResponse(error);
    }
  });
}
