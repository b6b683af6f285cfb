// POST /api/account/sign-in-link {"email","returnTo"?} — "Email me a sign-in link". The same 202
// and body whether or not the address has an account; the asking browser gets the link's id in
// a short-lived cookie, so it alone may type the code (lib/account/email-link-sign-in.ts).
import { clientIp } from "@/lib/http/client-ip";
import { cookieName, cookieOptions } from "@/lib/http/cookies";
import { jsonResponse } from "@/lib/http/json-response";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withSiteRoute } from "@/app/_lib/site-route";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { requestSignInLink, SIGN_IN_LINK_COOKIE_SECONDS, signInLinkRequestResponseSchema, signInLinkRequestSchema } from "@/lib/account/email-link-sign-in";

export const POST = withSiteRoute(async ({ request, outcome, cookies }) => {
  assertSameOrigin(request);
  const body = await readJsonBody(request, signInLinkRequestSchema, { maxBytes: 4096 });
  const result = await requestSignInLink({ site: outcome.context.site, email: body.email, returnTo: body.returnTo, ip: clientIp(request.headers) });
  cookies.push({ name: cookieName("emailLink", outcome.secure), value: result.linkId, options: cookieOptions(outcome.secure, SIGN_IN_LINK_COOKIE_SECONDS) });
  return jsonResponse(signInLinkRequestResponseSchema, { message: result.message }, { status: 202 });
});

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
