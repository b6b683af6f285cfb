// /blaize/token-exchange — Zephr's passwordless sign-in, onto the product's sign-in by emailed
// link (lib/account/email-link-sign-in.ts: the same per-network and per-address mail budgets, the
// same answer whether or not the address has an account).
//   POST {identifiers: {email_address}, delivery?} — start: mails a sign-in link; 201.
//   GET ?token=… — completion: Zephr signs in on this GET. Here opening a link never signs in
//   (mail scanners open links: docs/security.md), so the GET answers Zephr's 302 to the product's
//   own link page, whose button completes the sign-in by POST.
import { rejectZephrMethodsExcept, withZephrRoute } from "@/app/_lib/zephr-route";
import { requestSignInLink, SIGN_IN_LINK_COOKIE_SECONDS, SIGN_IN_LINK_PAGE_PATH } from "@/lib/account/email-link-sign-in";
import { clientIp } from "@/lib/http/client-ip";
import { cookieName, cookieOptions } from "@/lib/http/cookies";
import { jsonResponse } from "@/lib/http/json-response";
import { parseQuery } from "@/lib/http/parse-query";
import { readJsonBody } from "@/lib/http/read-json-body";
import { redirectResponse } from "@/lib/http/security-headers";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { zephrMessageResponseSchema, zephrStartByMailBodySchema, zephrTokenExchangeQuerySchema } from "@/lib/zephr/bodies";

export const POST = withZephrRoute(async ({ request, outcome, cookies }) => {
  assertSameOrigin(request);
  const body = await readJsonBody(request, zephrStartByMailBodySchema, { maxBytes: 4096 });
  const result = await requestSignInLink({ site: outcome.context.site, email: body.identifiers.email_address, ip: clientIp(request.headers) });
  // The asking browser may type the mail's code instead of opening the link, as on the product's form.
  cookies.push({ name: cookieName("emailLink", outcome.secure), value: result.linkId, options: cookieOptions(outcome.secure, SIGN_IN_LINK_COOKIE_SECONDS) });
  return jsonResponse(zephrMessageResponseSchema, { message: result.message }, { status: 201 });
});

export const GET = withZephrRoute(async ({ request }) => {
  const { token } = parseQuery(request.nextUrl.searchParams, zephrTokenExchangeQuerySchema);
  return redirectResponse(`${SIGN_IN_LINK_PAGE_PATH}?${new URLSearchParams({ token }).toString()}`);
});

export const { PUT, PATCH, DELETE } = rejectZephrMethodsExcept("GET", "POST");
