// POST /api/logout {"where"?: JUST_HERE | THIS_DEVICE | OTHER_DEVICES | EVERYWHERE}
import { clientIp } from "@/lib/http/client-ip";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withSiteRoute } from "@/app/_lib/site-route";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { hashSecret } from "@/lib/security/secrets";
import { logout, logoutBodySchema, logoutResponseSchema } from "@/lib/sso/logout";
import { ApiError } from "@/lib/errors";
import { jsonResponse } from "@/lib/http/json-response";
import { sessionCookie } from "@/lib/sso/resolve-site-request";
import { loadSiteContext } from "@/lib/sso/site-context";
import { getSsoStatusBody } from "@/lib/sso/sso-status";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";

export const POST = withSiteRoute(async ({ request, siteId, outcome, cookies }) => {
  assertSameOrigin(request);
  const body = await readJsonBody(request, logoutBodySchema, { maxBytes: 1024, allowEmpty: true });
  const result = await logout({ context: outcome.context, where: body.where, ip: clientIp(request.headers), userAgent: request.headers.get("user-agent") });
  const secret = result.secret ?? outcome.sessionSecret;
  if (result.secret) cookies.push(sessionCookie(result.secret, outcome.context, outcome.secure));
  // Logout is rare: read the state back rather than predict it (other sites may still be signed in).
  const after = await loadSiteContext({ siteId, sessionHash: secret ? hashSecret(secret) : null });
  if (!after) throw new ApiError("unknown_site", "No site is served at this address.");
  return jsonResponse(logoutResponseSchema, { where: result.scope, revokedSessions: result.revokedSessions, ...getSsoStatusBody(after) });
});

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
