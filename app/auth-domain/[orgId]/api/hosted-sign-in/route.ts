// POST /api/hosted-sign-in — the hosted pages' forms (lib/sso/hosted-sign-in-form.ts). Same
// origin only (Origin check) AND the form's CSRF token equal to this browser's cookie; the
// client address for rate limits from lib/http/client-ip.ts. Signed in: 303 to the site's
// REGISTERED callback with an OTT that carries the sign-in (and the rotated SSO token cookie);
// otherwise the page again with the message, as HTML.
import type { NextRequest } from "next/server";
import { z } from "zod";
import { ApiError, reportError } from "@/lib/errors";
import { applyCookies } from "@/lib/http/apply-cookies";
import { NEXT_AUTH_FORM_MAX_BYTES } from "@/lib/http/body-limits";
import { clientIp } from "@/lib/http/client-ip";
import { cookieName, cookieOptions, isSecureRequest } from "@/lib/http/cookies";
import { plainErrorResponse } from "@/lib/http/error-response";
import { readTextCapped } from "@/lib/http/read-json-body";
import { getRequestOrigin } from "@/lib/http/request-origin";
import { secretBearingHeaders } from "@/lib/http/security-headers";
import { observeRoute } from "@/lib/observability/observe-route";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { hostedCsrfToken, hostedPageHeaders, isHostedCsrfValid, renderHostedPage } from "@/lib/sso/hosted-pages";
import { answerHostedForm } from "@/lib/sso/hosted-sign-in-form";
import { findContinueReader, findHostedSite, hostedFormSchema, isHostedSignInOn } from "@/lib/sso/hosted-sign-in";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";

export const POST = observeRoute(async (request: NextRequest, { params }: { params: Promise<{ orgId: string }> }): Promise<Response> => {
  try {
    const orgId = z.uuid().parse((await params).orgId);
    // Login CSRF: a page of another origin cannot post a sign-in (or a registration) here.
    assertSameOrigin(request);
    const origin = getRequestOrigin(request);
    const secure = origin !== null && isSecureRequest(origin);
    if (!/^application\/x-www-form-urlencoded\b/i.test(request.headers.get("content-type") ?? "")) {
      throw new ApiError("unsupported_media_type", "Send the form as application/x-www-form-urlencoded.");
    }
    const fields = new URLSearchParams(await readTextCapped(request, NEXT_AUTH_FORM_MAX_BYTES));
    const entries: Record<string, string> = {};
    for (const [key, value] of fields) {
      if (key in entries) throw new ApiError("validation_failed", `${key}: given more than once`);
      entries[key] = value;
    }
    const form = hostedFormSchema.parse(entries);
    const csrfCookie = request.cookies.get(cookieName("hostedCsrf", secure))?.value;
    if (!isHostedCsrfValid(csrfCookie, form.csrf)) throw new ApiError("csrf_failed", "This form has expired. Go back, reload the page and try again.");
    const site = await findHostedSite({ orgId, siteSlug: form.site });
    if (!isHostedSignInOn(site)) throw new ApiError("not_found", "Sign-in is not hosted on this domain.");
    const tokenCookie = cookieName("ssoToken", secure);
    const tokenSecret = request.cookies.get(tokenCookie)?.value ?? null;
    const answer = await answerHostedForm({ site, form, tokenSecret, ip: clientIp(request.headers) });
    if (answer.kind === "redirect") {
      const response = new Response(null, { status: 303, headers: { ...secretBearingHeaders, location: answer.location } });
      return applyCookies(response, [{ name: tokenCookie, value: answer.newTokenSecret, options: cookieOptions(secure, answer.tokenMaxAgeSeconds) }]);
    }
    const csrf = hostedCsrfToken(csrfCookie, secure);
    const continueAs = answer.view === "continue" ? await findContinueReader({ orgId, tokenSecret }) : null;
    const html = renderHostedPage({ site, view: answer.view, state: form.state, csrf: csrf.token, email: answer.email, name: answer.name, error: answer.error, notice: answer.notice, continueAs });
    const retryAfter: Record<string, string> = answer.retryAfterSeconds ? { "retry-after": String(answer.retryAfterSeconds) } : {};
    return new Response(html, { status: answer.status, headers: { ...hostedPageHeaders(site), ...retryAfter } });
  } catch (error) {
    const apiError = reportError("hosted-sign-in", error);
    return plainErrorResponse({ status: apiError.status, code: apiError.code, message: apiError.message, pathname: "/signin", headers: secretBearingHeaders });
  }
});

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
