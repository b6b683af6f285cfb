// POST /api/account/sign-in-link/complete {"token"} | {"code"} — the link page's button (any
// browser), or the code typed in the browser that asked (its cookie names the link).
import { clientIp } from "@/lib/http/client-ip";
import { cookieName, cookieOptions } from "@/lib/http/cookies";
import { jsonResponse } from "@/lib/http/json-response";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withSiteRoute } from "@/app/_lib/site-route";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { sessionCookie } from "@/lib/sso/resolve-site-request";
import { completeSignInByCode, completeSignInByLink, signInLinkCompleteResponseSchema, signInLinkCompleteSchema } from "@/lib/account/email-link-sign-in";

export const POST = withSiteRoute(async ({ request, outcome, cookies }) => {
  assertSameOrigin(request);
  const body = await readJsonBody(request, signInLinkCompleteSchema, { maxBytes: 1024 });
  const common = { context: outcome.context, ip: clientIp(request.headers), userAgent: request.headers.get("user-agent") };
  const linkCookie = cookieName("emailLink", outcome.secure);
  const result =
    "token" in body
      ? await completeSignInByLink({ ...common, token: body.token })
      : await completeSignInByCode({ ...common, linkId: request.cookies.get(linkCookie)?.value ?? null, code: body.code });
  cookies.push(sessionCookie(result.secret, outcome.context, outcome.secure));
  cookies.push({ name: linkCookie, value: "", options: cookieOptions(outcome.secure, 0) });
  return jsonResponse(signInLinkCompleteResponseSchema, { signedIn: true, returnTo: result.returnTo });
});

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
