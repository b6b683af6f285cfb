// The site's half of the handshake state: a nonce the auth domain echoes back and the path to
// return to, kept in a short-lived host-only cookie on the site. The nonce binds the OTT to
// this browser (login CSRF defence): an OTT minted for another browser carries another state.
//
// One cookie PER HANDSHAKE, named from its nonce: a reader who opens several articles in tabs
// at once runs several handshakes on one site concurrently, and each must find its own state
// and return path at the callback (one shared cookie let each handshake overwrite the others':
// every tab ended on the last article and each collision was recorded as a state mismatch).
// The callback derives the name from the `state` in its query, so it reads and clears only its
// own cookie; a state this browser never started names a cookie it does not have.
import { createHash } from "node:crypto";
import { cookieName } from "@/lib/http/cookies";
import { generateSecret, isWellFormedSecret } from "@/lib/security/secrets";
import { sanitizeReturnPath } from "./return-path";

/** Long enough for a slow auth-domain hop, short enough that a stale state is useless. */
export const STATE_COOKIE_MAX_AGE_SECONDS = 300;

/**
 * How many handshakes of one browser may be in flight on one site (state cookies it holds): a
 * burst of tabs, not an unbounded pile of cookies that would outgrow request-header limits.
 */
export const MAX_HANDSHAKES_IN_FLIGHT = 5;

/** A return path kept in a state cookie is at most this long (five of them stay under ~8 KB). */
const MAX_STORED_RETURN_PATH = 1024;

export type HandshakeState = { state: string; returnPath: string };

export function createHandshakeState(returnPath: string): HandshakeState {
  return { state: generateSecret(), returnPath: handshakeReturnPath(returnPath) };
}

/** Where a handshake started from this path returns to: the path made safe, and short enough for its cookie. */
export function handshakeReturnPath(path: string): string {
  return fitReturnPath(sanitizeReturnPath(path));
}

/** An over-long path returns without its query string, or to "/" when even that is too long. */
function fitReturnPath(path: string): string {
  if (path.length <= MAX_STORED_RETURN_PATH) return path;
  const pathname = new URL(path, "http://return.invalid").pathname;
  return pathname.length <= MAX_STORED_RETURN_PATH ? pathname : "/";
}

/**
 * The cookie that holds one handshake's state: `[__Host-]mss_sso_state_<id>`, the id a short
 * digest of the nonce (names are not secret-bearing, so not the nonce itself); 96 bits.
 */
export function handshakeStateCookieName(state: string, secure: boolean): string {
  return `${cookieName("ssoState", secure)}_${createHash("sha256").update(state).digest("base64url").slice(0, 16)}`;
}

function isHandshakeStateCookie(name: string, secure: boolean): boolean {
  const prefix = `${cookieName("ssoState", secure)}_`;
  return name.length === prefix.length + 16 && name.startsWith(prefix);
}

/** How many of this browser's handshakes on this site are in flight (the state cookies it sent). */
export function countHandshakesInFlight(cookieNames: readonly string[], secure: boolean): number {
  return cookieNames.filter((name) => isHandshakeStateCookie(name, secure)).length;
}

/** The return paths of this browser's handshakes in flight on this site (one per state cookie it sent; garbage reads as "/"). */
export function handshakesInFlight(cookies: readonly { name: string; value: string }[], secure: boolean): string[] {
  return cookies.filter((cookie) => isHandshakeStateCookie(cookie.name, secure)).map((cookie) => parseHandshakeState(cookie.value)?.returnPath ?? "/");
}

export function serializeHandshakeState(value: HandshakeState): string {
  return `${value.state}.${Buffer.from(value.returnPath, "utf8").toString("base64url")}`;
}

export function parseHandshakeState(cookieValue: string | null | undefined): HandshakeState | null {
  if (!cookieValue || cookieValue.length > 4096) return null;
  const dot = cookieValue.indexOf(".");
  const state = cookieValue.slice(0, dot);
  if (dot < 0 || !isWellFormedSecret(state)) return null;
  const encoded = cookieValue.slice(dot + 1);
  if (!/^[A-Za-z0-9_-]*$/.test(encoded)) return null;
  // The path is checked again on the way out: a cookie is input like any other.
  return { state, returnPath: sanitizeReturnPath(Buffer.from(encoded, "base64url").toString("utf8")) };
}

export function buildHandshakeUrl(options: { authOrigin: string; siteSlug: string; state: string }): string {
  const url = new URL("/sso/handshake", options.authOrigin);
  url.searchParams.set("site", options.siteSlug);
  url.searchParams.set("state", options.state);
  return url.toString();
}
