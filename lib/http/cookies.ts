// Cookie policy of the whole product (design §7): HttpOnly, SameSite=Lax, host-only (never a
// Domain attribute: sharing a cookie domain cannot work across registrable domains, which is
// the point of this product), Path=/, Secure wherever the browser will keep it — and then the
// __Host- prefix, which makes the browser itself refuse a Domain attribute or a non-Secure set.
import { env, type Env } from "@/lib/env";

export type CookieKind = "siteSession" | "ssoState" | "ssoToken" | "knownDevice" | "emailLink" | "hostedCsrf" | "signedOutNotice";

const baseNames: Record<CookieKind, string> = {
  siteSession: "mss_session",
  ssoState: "mss_sso_state",
  ssoToken: "mss_sso",
  // Set at a successful password sign-in: the browser is then a "known source" of that account
  // on this host, whose correct password is never refused (lib/auth/sign-in-throttle.ts).
  knownDevice: "mss_device",
  // The id (not a secret) of the sign-in link this browser asked for, so that it alone may
  // type the link's code (lib/account/email-link-sign-in.ts).
  emailLink: "mss_email_link",
  // The auth domain's hosted sign-in pages: the form's CSRF token, double-submitted
  // (lib/sso/hosted-pages.ts), on top of the Origin check.
  hostedCsrf: "mss_hosted_csrf",
  // Why this browser was signed out (only "device_limit": lib/sso/device-limit.ts), kept across
  // the handshake's redirects until the next page shows it once. Not a secret.
  signedOutNotice: "mss_notice",
};

/** Browsers cap a cookie's lifetime at 400 days; the server forgets a device after 90 (SIGNIN_SOURCE_MEMORY_SECONDS). */
export const KNOWN_DEVICE_COOKIE_MAX_AGE_SECONDS = 400 * 86_400;

/** `protocol`: lib/http/request-origin.ts's requestProtocol (https only by a trusted proxy's word). */
export type RequestSecurity = { hostname: string; protocol: "http:" | "https:" };

/**
 * Whether this request's cookies are Secure (with the __Host- prefix). COOKIE_SECURE=auto: under
 * https; on localhost and *.localhost (browsers keep Secure cookies there over plain http, so
 * the demo and the tests run with the production policy); and in production whatever the
 * request says — a TLS proxy that sends no X-Forwarded-Proto (or is not in TRUSTED_PROXIES) must
 * not downgrade every cookie. Only development over http on a real name gets plain cookies.
 */
export function isSecureRequest(request: RequestSecurity, policy: { cookieSecure: Env["COOKIE_SECURE"]; nodeEnv: Env["NODE_ENV"] } = { cookieSecure: env.COOKIE_SECURE, nodeEnv: env.NODE_ENV }): boolean {
  if (policy.cookieSecure !== "auto") return policy.cookieSecure === "always";
  if (request.protocol === "https:" || isLocalhost(request.hostname)) return true;
  return policy.nodeEnv === "production";
}

function isLocalhost(hostname: string): boolean {
  return hostname === "localhost" || hostname.endsWith(".localhost");
}

export function cookieName(kind: CookieKind, secure: boolean): string {
  return secure ? `__Host-${baseNames[kind]}` : baseNames[kind];
}

export type CookieOptions = {
  httpOnly: true;
  secure: boolean;
  sameSite: "lax";
  path: "/";
  maxAge?: number;
};

export function cookieOptions(secure: boolean, maxAgeSeconds?: number): CookieOptions {
  return { httpOnly: true, secure, sameSite: "lax", path: "/", ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }) };
}
