// How Zephr's `blaize_session` cookie maps onto this product (docs/zephr-compat.md, "The
// blaize_session cookie"). A Zephr front end in a browser never reads its session cookie: it
// relies on the browser sending it to the same site's /blaize/* and /zephr/public/* paths. The
// product's own site session cookie does exactly that (host-only, HttpOnly, SameSite=Lax,
// __Host- under https), so it IS the blaize_session of these paths: no second cookie, no second
// session, and signing out on either surface signs out of both.
//
// Zephr also returns the cookie in the login body (`cookie`). The secret is never put in a body
// (a script — or an injected one — could read it, which is what HttpOnly prevents): the field
// names the cookie this answer set and its attributes, with the value withheld.
import { cookieName } from "@/lib/http/cookies";

export const ZEPHR_COOKIE_NAME = "blaize_session";

/** The `cookie` field of a Zephr login/registration answer: the cookie set, its value withheld. */
export function describeSessionCookie(secure: boolean): string {
  return `${cookieName("siteSession", secure)}=(set by this response, HttpOnly); Path=/; SameSite=Lax${secure ? "; Secure" : ""}`;
}
