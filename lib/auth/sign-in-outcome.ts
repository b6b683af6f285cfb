// What a next-auth Credentials `authorize` learns that its route must answer with: next-auth
// turns every refusal into the same 401, but a throttled sign-in answers 429 with Retry-After,
// and a successful one may set the known-device cookie. The route creates one of these per
// request, hands it to the auth options, and reads it after next-auth has answered.
import { ApiError, toErrorResponse } from "@/lib/errors";
import { applyCookies, type CookieToSet } from "@/lib/http/apply-cookies";
import { cookieName, cookieOptions, KNOWN_DEVICE_COOKIE_MAX_AGE_SECONDS } from "@/lib/http/cookies";
import { formatWait } from "@/lib/format/duration-words";
import type { ThrottleScope } from "./sign-in-throttle";

export type SignInOutcome = {
  throttled: { scope: ThrottleScope | "registration"; retryAfterSeconds: number } | null;
  newDeviceSecret: string | null;
  /** A registration that did not sign in: the address must be proven, or already had an account. */
  checkEmail: boolean;
  /** A right password refused by a rule after it (the device limit's deny_new): answered with its 4xx and error shape. */
  refused: ApiError | null;
};

export function createSignInOutcome(): SignInOutcome {
  return { throttled: null, newDeviceSecret: null, checkEmail: false, refused: null };
}

/** Where the registration form goes when the answer is "check your email". */
export const CHECK_EMAIL_PATH = "/check-email";

/** The words a reader or staff member sees when a sign-in is throttled: what happened, and what they can do. */
export function throttledError(throttled: NonNullable<SignInOutcome["throttled"]>): ApiError {
  const wait = formatWait(throttled.retryAfterSeconds);
  const message =
    throttled.scope === "registration"
      ? `Too many accounts were registered from your network. Try again in ${wait}.`
      : throttled.scope === "account"
      ? `This account is protected after many failed sign-ins from elsewhere. Sign in from a browser or network you have used before, or try again in ${wait}.`
      : throttled.scope === "address"
        ? `Too many failed sign-ins from your network. Try again in ${wait}.`
        : `Too many failed sign-ins for this account from your network. Try again in ${wait}.`;
  return new ApiError("rate_limited", message);
}

/** The route's answer once next-auth has answered: 429 for a throttled attempt; otherwise next-auth's, plus a new device cookie. */
export function answerSignInOutcome(response: Response, outcome: SignInOutcome, secure: boolean): Response {
  if (outcome.throttled) {
    const refused = toErrorResponse(throttledError(outcome.throttled));
    refused.headers.set("retry-after", String(outcome.throttled.retryAfterSeconds));
    return refused;
  }
  if (outcome.refused) return toErrorResponse(outcome.refused);
  // One answer for a new account that must verify and for an address already registered.
  if (outcome.checkEmail) {
    const answer = Response.json({ status: "check_email", url: CHECK_EMAIL_PATH }, { status: 200, headers: { "cache-control": "no-store" } });
    // The cookies the request earned (a new anonymous session, next-auth's own) still apply.
    for (const cookie of response.headers.getSetCookie()) answer.headers.append("set-cookie", cookie);
    return answer;
  }
  if (!outcome.newDeviceSecret) return response;
  return applyCookies(response, [knownDeviceCookie(outcome.newDeviceSecret, secure)]);
}

/** The known-device cookie a successful password sign-in earns (lib/auth/sign-in-throttle.ts). */
export function knownDeviceCookie(secret: string, secure: boolean): CookieToSet {
  return { name: cookieName("knownDevice", secure), value: secret, options: cookieOptions(secure, KNOWN_DEVICE_COOKIE_MAX_AGE_SECONDS) };
}

/** The known-device cookie a request carries, if any (only its shape is checked here). */
export function readDeviceSecret(cookies: { get(name: string): { value: string } | undefined }, secure: boolean): string | null {
  return cookies.get(cookieName("knownDevice", secure))?.value ?? null;
}
