// next-auth's cookies, held to the product's cookie policy (design §7; lib/http/cookies.ts):
// HttpOnly, SameSite=Lax, Path=/, host-only, Secure where the browser keeps it — and then the
// __Host- prefix, which next-auth uses only for its CSRF cookie by default (its session and
// callback-url cookies get the weaker __Secure-, which still allows a Domain attribute).
import type { CookiesOptions } from "next-auth";

export function nextAuthCookies(secure: boolean): Partial<CookiesOptions> {
  const prefix = secure ? "__Host-" : "";
  const options = { httpOnly: true, sameSite: "lax" as const, path: "/", secure };
  return {
    sessionToken: { name: `${prefix}next-auth.session-token`, options },
    callbackUrl: { name: `${prefix}next-auth.callback-url`, options },
    csrfToken: { name: `${prefix}next-auth.csrf-token`, options },
  };
}
