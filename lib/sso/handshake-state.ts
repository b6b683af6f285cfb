// The site's half of the handshake state: a nonce the auth domain echoes back and the path to
// return to, kept in a short-lived host-only cookie on the site. The nonce binds the OTT to
// this browser (login CSRF defence): an OTT minted for another browser carries another state.
import { generateSecret, isWellFormedSecret } from "@/lib/security/secrets";
import { sanitizeReturnPath } from "./return-path";

/** Long enough for a slow auth-domain hop, short enough that a stale state is useless. */
export const STATE_COOKIE_MAX_AGE_SECONDS = 300;

export type HandshakeState = { state: string; returnPath: string };

export function createHandshakeState(returnPath: string): HandshakeState {
  return { state: generateSecret(), returnPath: sanitizeReturnPath(returnPath) };
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
