// Wraps an organisation-scoped route handler of the console's JSON API: CSRF (same-origin)
// for every mutation, the staff session and role checked against Postgres on this request,
// errors in the product's shape ({"error":{"code","message"}}), never cached.
//
// Automation authenticates with an API token instead (`Authorization: Bearer`, lib/admin/api-tokens.ts):
// the token's organisation and role go through the SAME checkOrgRole, and the handler runs
// inside runAsApiToken so the audit log names the token. Decision for a request carrying both
// a bearer token and a cookie: the Authorization header alone decides — the cookie is never
// read, so a bad token is a 401 even next to a good cookie (a cross-site page cannot set that
// header without a CORS preflight this API never grants, and cannot fall back to the ambient
// cookie by adding a bogus one). Same-origin rules guard the cookie, which bearer requests do
// not use. `staffOnly` routes (minting credentials) refuse tokens: a leaked token cannot mint
// itself successors.
import type { NextRequest } from "next/server";
import { ApiError, toErrorResponse } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { observeRoute } from "@/lib/observability/observe-route";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { getStaffSessionFor } from "@/lib/admin/current-staff";
import { checkOrgRole, type OrgAccess } from "@/lib/admin/org-access";
import { authenticateApiToken, bearerCredentials } from "@/lib/admin/api-tokens";
import { runAsApiToken } from "@/lib/audit/audit-actor";
import type { StaffRole } from "@/lib/admin/roles";

export type OrgRouteContext<P> = {
  request: NextRequest;
  params: P;
  access: Extract<OrgAccess, { ok: true }>;
  ip: string;
  /** The API token of a bearer request (access.staff then stands for it); null for a staff session. */
  apiToken: { id: string; name: string } | null;
};

export function accessError(reason: Extract<OrgAccess, { ok: false }>["reason"]): ApiError {
  if (reason === "unauthenticated") return new ApiError("unauthorized", "Sign in to the admin console first.");
  if (reason === "second_factor") return new ApiError("unauthorized", "Finish signing in with your authenticator app first.");
  if (reason === "forbidden") return new ApiError("forbidden", "Your role in this organisation does not allow this.");
  return new ApiError("not_found", "No such organisation.");
}

export function withOrgRoute<P extends { orgSlug: string }>(
  options: { role: StaffRole; mutation: boolean; staffOnly?: boolean },
  handler: (context: OrgRouteContext<P>) => Promise<Response>,
) {
  return observeRoute(async (request: NextRequest, { params }: { params: Promise<P> }): Promise<Response> => {
    try {
      const bearer = bearerCredentials(request.headers);
      const ip = clientIp(request.headers);
      // Before anything else: a cross-site request learns nothing, not even whether it is signed in.
      if (options.mutation && bearer === null) assertSameOrigin(request);
      const resolved = await params;
      const token = bearer === null ? null : await authenticateApiToken({ token: bearer, ip });
      if (token && options.staffOnly) throw new ApiError("forbidden", "API tokens cannot do this; sign in to the console.");
      const session = token ? token.session : await getStaffSessionFor(request);
      const access = checkOrgRole(session, { orgSlug: resolved.orgSlug, role: options.role });
      if (!access.ok) throw accessError(access.reason);
      const context = { request, params: resolved, access, ip, apiToken: token?.apiToken ?? null };
      const response = token ? await runAsApiToken(token.apiToken.id, () => handler(context)) : await handler(context);
      response.headers.set("cache-control", "no-store");
      return response;
    } catch (error) {
      return toErrorResponse(error);
    }
  });
}
