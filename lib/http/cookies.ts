// Cookie policy of the whole product (design §7): HttpOnly, SameSite=Lax, host-only (never a
// Domain attribute: sharing a cookie domain cannot work across registrable domains, which is
// the point of this product), Path=/, Secure wherever the browser will keep it — and then the
// __Host- prefix, which makes the browser itself refuse a Domain attribute or a non-Secure set.
import { env } from "@/lib/env";

export type CookieKind = "siteSession" | "ssoState" | "ssoToken" | "knownDevice";

const baseNames: Record<CookieKind, string> = {
  siteSession: "mss_session",
  ssoState: "mss_sso_state",
  ssoToken: "mss_sso",
  // Set at a successful password sign-in: the browser is then a "known source" of that account
  // on this host, whose correct password is never refused (lib/auth/sign-in-throttle.ts).
  knownDevice: "mss_device",
};

/** Browsers cap a cookie's lifetime at 400 days; the server forgets a device after 90 (SIGNIN_SOURCE_MEMORY_SECONDS). */
export const KNOWN_DEVICE_COOKIE_MAX_AGE_SECONDS = 400 * 86_400;

export type RequestSecurity = { hostname: string; protocol: string; forwardedProto: string | null };

export function isSecureRequest(request: RequestSecurity): boolean {
  if (env.COOKIE_SECURE !== "auto") return env.COOKIE_SECURE === "always";
  if (request.protocol === "https:" || request.forwardedProto?.split(",")[0]?.trim() === "https") return true;
  return request.hostname === "localhost" || request.hostname.endsWith(".localhost");
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
