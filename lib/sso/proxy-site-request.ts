// The proxy's SSO step on a site host. Page requests get their session resolved here (and
// maybe a handshake redirect); API routes and the callback resolve their own, and assets and
// Next's own paths need none (lib/http/path-kind.ts), so no request pays for two lookups.
import type { NextRequest } from "next/server";
import { cookieName, cookieOptions } from "@/lib/http/cookies";
import type { CookieToSet } from "@/lib/http/apply-cookies";
import { classifyPath } from "@/lib/http/path-kind";
import { resolveSiteRequest } from "./resolve-site-request";
import { encodeViewer, INTERNAL_HEADER_PREFIX, NOTICE_HEADER, VIEWER_HEADER } from "./site-viewer";

/** Long enough to outlive a handshake's round trip through the auth domain, short enough not to surprise later. */
const NOTICE_COOKIE_MAX_AGE_SECONDS = 600;

export type ProxySiteVerdict =
  | { action: "redirect"; location: string; cookies: CookieToSet[] }
  | { action: "rewrite"; requestHeaders: Headers; cookies: CookieToSet[] };

export function stripInternalHeaders(headers: Headers): Headers {
  const clean = new Headers(headers);
  for (const name of [...clean.keys()]) if (name.startsWith(INTERNAL_HEADER_PREFIX)) clean.delete(name);
  return clean;
}

export async function proxySiteRequest(request: NextRequest, siteId: string): Promise<ProxySiteVerdict> {
  const requestHeaders = stripInternalHeaders(request.headers);
  const pathname = request.nextUrl.pathname;
  if (!classifyPath(pathname, "site").proxyResolvesSession) return { action: "rewrite", requestHeaders, cookies: [] };

  const outcome = await resolveSiteRequest({ siteId, request, allowHandshake: true });
  if (!outcome) return { action: "rewrite", requestHeaders, cookies: [] };
  // An evicted device (lib/sso/device-limit.ts) is told on the page it renders next: across a
  // handshake's redirects by a short cookie, which the page that shows the notice clears.
  const noticeCookie = cookieName("signedOutNotice", outcome.secure);
  if (outcome.redirectTo) {
    const cookies = outcome.evicted ? [...outcome.cookies, { name: noticeCookie, value: "device_limit", options: cookieOptions(outcome.secure, NOTICE_COOKIE_MAX_AGE_SECONDS) }] : outcome.cookies;
    return { action: "redirect", location: outcome.redirectTo, cookies };
  }
  const cookies = [...outcome.cookies];
  if (outcome.evicted || request.cookies.get(noticeCookie)?.value === "device_limit") requestHeaders.set(NOTICE_HEADER, "device_limit");
  if (request.cookies.has(noticeCookie)) cookies.push({ name: noticeCookie, value: "", options: cookieOptions(outcome.secure, 0) });

  // Downstream code sees the session as it is after this request (created or rotated).
  const name = cookieName("siteSession", outcome.secure);
  request.cookies.delete(name);
  if (outcome.sessionSecret) request.cookies.set(name, outcome.sessionSecret);
  const cookieHeader = request.headers.get("cookie");
  if (cookieHeader) requestHeaders.set("cookie", cookieHeader);
  else requestHeaders.delete("cookie");
  requestHeaders.set(VIEWER_HEADER, encodeViewer(outcome.context));
  return { action: "rewrite", requestHeaders, cookies };
}
