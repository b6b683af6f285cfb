// next-auth (v4) answers some client input with a 500 of its own; it is dealt with before next-auth
// sees it. A callbackUrl that is neither an absolute http(s) URL nor a path starting
// with "/" — in the query, or in its own callback-url cookie — gets a 500 "server configuration"
// error: the query parameter is refused with a 400, a bad cookie (forged or stale, only a
// preference) is dropped.
// Where a valid callbackUrl may lead is next-auth's redirect rule (same origin only), unchanged.
import { ApiError } from "@/lib/errors";
import { sanitizeReturnPath } from "@/lib/sso/return-path";

/** next-auth's own test (core/lib/assert.js, isValidHttpUrl), so we refuse exactly what it would choke on. */
export function isAcceptableCallbackUrl(value: string): boolean {
  try {
    return /^https?:/.test(new URL(value, value.startsWith("/") ? "http://base.invalid" : undefined).protocol);
  } catch {
    return false;
  }
}

/**
 * next-auth copies the `error` parameter and the path segments after the action (provider ids)
 * into a Location header unencoded: a control character or one outside Latin-1 makes that header
 * invalid and the request a 500. Its own values are ASCII: provider ids ("credentials") and error
 * codes or our registration messages ("CredentialsSignin", "An account with this email…").
 */
const PROVIDER_ID = /^[A-Za-z0-9_.-]{1,64}$/;
const ERROR_TEXT = /^[\x20-\x7e]{1,300}$/;

export function assertNextAuthWords(options: { segments: string[]; searchParams: URLSearchParams }): void {
  if (options.segments.slice(1).some((segment) => !PROVIDER_ID.test(segment))) {
    throw new ApiError("not_found", "No such sign-in endpoint.");
  }
  for (const value of options.searchParams.getAll("error")) {
    if (value !== "" && !ERROR_TEXT.test(value)) throw new ApiError("bad_request", "error must be printable ASCII text.");
  }
}

export function assertAcceptableCallbackUrls(searchParams: URLSearchParams): void {
  for (const value of searchParams.getAll("callbackUrl")) {
    if (value !== "" && !isAcceptableCallbackUrl(value)) throw new ApiError("bad_request", "callbackUrl must be a path on this site or an absolute URL.");
  }
}

function decodeCookieValue(value: string): string {
  const unquoted = value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
  try {
    return decodeURIComponent(unquoted);
  } catch {
    return unquoted;
  }
}

const CALLBACK_COOKIE_NAMES = new Set(["next-auth.callback-url", "__Host-next-auth.callback-url", "__Secure-next-auth.callback-url"]);

/** The Cookie header without next-auth callback-url cookies it would refuse (null: nothing to change). */
export function withoutUnacceptableCallbackCookies(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  const pairs = cookieHeader.split(";");
  const kept = pairs.filter((pair) => {
    const eq = pair.indexOf("=");
    if (eq < 0) return true;
    const name = pair.slice(0, eq).trim();
    if (!CALLBACK_COOKIE_NAMES.has(name)) return true;
    const value = decodeCookieValue(pair.slice(eq + 1).trim());
    return value === "" || isAcceptableCallbackUrl(value);
  });
  return kept.length === pairs.length ? null : kept.join(";");
}

/**
 * next-auth's `redirect` callback: where a sign-in or sign-out sends the browser. next-auth's
 * default throws on a callbackUrl that is not a URL (a 500); this one never throws, keeps paths
 * relative and same-site (lib/sso/return-path.ts), allows absolute URLs of this very origin only,
 * and sends anything else to the site's home page.
 */
export function resolveNextAuthRedirect(url: string, baseUrl: string): string {
  if (url.startsWith("/")) return `${baseUrl}${sanitizeReturnPath(url)}`;
  try {
    const target = new URL(url);
    if (target.origin === new URL(baseUrl).origin) return `${baseUrl}${sanitizeReturnPath(`${target.pathname}${target.search}${target.hash}`)}`;
  } catch {
    // not a URL: home
  }
  return baseUrl;
}
