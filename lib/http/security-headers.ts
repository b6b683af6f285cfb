import { env } from "@/lib/env";
import { classifyPath } from "./path-kind";
import { requestProtocol } from "./request-origin";

// Headers for responses that carry secrets in their URL or Location (handshake, callback):
// no Referer may leak the OTT, nothing may be cached, nothing third-party may load.
export const secretBearingHeaders: Record<string, string> = {
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  "x-content-type-options": "nosniff",
};

export function redirectResponse(location: string, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 302, headers: { ...secretBearingHeaders, ...headers, location } });
}

/**
 * Every answer of an auth domain (design §7): it serves plain pages and redirects only, so the
 * strictest policy fits all of them — nothing loads, nothing frames it, no Referer leaves it.
 */
const authDomainHeaders: Record<string, string> = { ...secretBearingHeaders, "x-frame-options": "DENY" };

/**
 * The hosted sign-in pages (lib/sso/hosted-pages.ts) set their own policy — the same, except
 * that form-action also allows the one site's registered callback origin: a form's answer
 * redirects there, and form-action governs that redirect too. Only that page knows the site.
 */
export const AUTH_DOMAIN_OWN_POLICY_PATHS: readonly string[] = ["/signin", "/api/hosted-sign-in"];
const authDomainHeadersOwnPolicy: Record<string, string> = Object.fromEntries(Object.entries(authDomainHeaders).filter(([name]) => name !== "content-security-policy"));

/** The auth domain's policy with form-action widened to one more origin (a hosted page's site). */
export function authDomainPolicyAllowingFormsTo(origin: string): string {
  return (secretBearingHeaders["content-security-policy"] ?? "").replace("form-action 'self'", `form-action 'self' ${origin}`);
}

/**
 * Site pages may not be framed by another origin: the Opt In "Continue" button and the sign-out
 * scopes are one click each (clickjacking). Sites set no other CSP here; their scripts are Next's.
 */
const siteFrameHeaders: Record<string, string> = { "content-security-policy": "frame-ancestors 'self'", "x-frame-options": "SAMEORIGIN" };

/**
 * Adds the headers of this part of the product to a response the proxy passes on (the admin
 * console sets its own). Headers the proxy sets replace the route's own, so site paths whose
 * routes set a stricter policy (the callback) or that answer JSON (/api) are left alone.
 */
export function withPartSecurityHeaders(response: Response, part: "site" | "auth-domain" | "admin", pathname: string): Response {
  const sitePage = part === "site" && !classifyPath(pathname, "site").isEndpoint;
  const headers = part === "auth-domain" ? (AUTH_DOMAIN_OWN_POLICY_PATHS.includes(pathname) ? authDomainHeadersOwnPolicy : authDomainHeaders) : sitePage ? siteFrameHeaders : {};
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/**
 * Strict-Transport-Security (HSTS_MAX_AGE_SECONDS; 0 = none) on every answer served over https
 * — https as a trusted proxy says (lib/http/request-origin.ts) — and never over plain http,
 * where browsers ignore it anyway and where it would only be a client's claim. No
 * includeSubDomains: each host of this product (an organisation's auth domain, each site) is
 * usually one name on someone's registrable domain (auth.acme.example, news.example), whose
 * other subdomains this app does not serve and cannot vouch for; a publisher who wants it sets
 * it at their edge. No preload, for the same reason.
 */
export function withTransportSecurity(response: Response, requestHeaders: { get(name: string): string | null }, maxAgeSeconds = env.HSTS_MAX_AGE_SECONDS): Response {
  if (maxAgeSeconds > 0 && requestProtocol(requestHeaders) === "https:") {
    response.headers.set("strict-transport-security", `max-age=${maxAgeSeconds}`);
  }
  return response;
}
