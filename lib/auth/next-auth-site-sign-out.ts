// next-auth's sign-out on a site host (POST /api/auth/signout) logs the reader out as
// POST /api/logout without a scope does: the mode's default scope (lib/sso/logout.ts, which
// every mode allows: lib/sso/modes.test.ts). Only a CSRF-checked form acts — next-auth itself
// refuses the others, so a cross-site form signs nobody out.
import type { CookieToSet } from "@/lib/http/apply-cookies";
import { getAuthSecret } from "@/lib/env";
import { logout } from "@/lib/sso/logout";
import { sessionCookie, type SiteRequestOutcome } from "@/lib/sso/resolve-site-request";
import { csrfCookieName, verifyNextAuthCsrf } from "./verify-next-auth-csrf";

/** The cookies the sign-out sets (this browser's fresh anonymous session), or none when it did nothing. */
export async function signOutThroughNextAuth(options: {
  outcome: SiteRequestOutcome;
  form: URLSearchParams | null;
  requestCookies: { get(name: string): { value: string } | undefined };
  ip: string;
  userAgent: string | null;
}): Promise<CookieToSet[]> {
  const { outcome, form } = options;
  if (form === null || !outcome.context.session?.readerId) return [];
  if (!verifyNextAuthCsrf({ cookieValue: options.requestCookies.get(csrfCookieName(outcome.secure))?.value, formToken: form.get("csrfToken"), secret: getAuthSecret() })) return [];
  const result = await logout({ context: outcome.context, ip: options.ip, userAgent: options.userAgent });
  return result.secret ? [sessionCookie(result.secret, outcome.context, outcome.secure)] : [];
}
