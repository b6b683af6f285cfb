// POST /api/sso/login {"use_sso": true} — continue as the reader signed in on another site.
import { readJsonBody } from "@/lib/http/read-json-body";
import { withSiteRoute } from "@/app/_lib/site-route";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { loginWithSso, useSsoBodySchema } from "@/lib/sso/login-with-sso";
import { sessionCookie } from "@/lib/sso/resolve-site-request";
import { getSsoStatusBody, ssoStatusBodySchema } from "@/lib/sso/sso-status";
import { jsonResponse } from "@/lib/http/json-response";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";

export const POST = withSiteRoute(async ({ request, outcome, cookies }) => {
  assertSameOrigin(request);
  await readJsonBody(request, useSsoBodySchema, { maxBytes: 1024 });
  const result = await loginWithSso(outcome.context);
  cookies.push(sessionCookie(result.secret, result.context, outcome.secure));
  return jsonResponse(ssoStatusBodySchema, getSsoStatusBody(result.context));
});

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
