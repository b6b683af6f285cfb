// @multisite-sso/sso-client — the server-side half of single sign-on for a site that runs
// outside the multisite-sso app (another stack, another host). No dependencies: it needs only
// fetch, URL, TextEncoder and crypto.getRandomValues (Node >= 18, Deno, Bun, workers).
//
// The flow (README): your backend sends the browser to the auth domain's handshake with a
// fresh state nonce kept in a short-lived cookie of yours; the auth domain sends it back to
// your registered callback with a one-time token; your backend exchanges that token
// server-to-server for a SESSION HANDLE, which it keeps in its own session store (never in
// the browser), and sends with later status, use_sso and logout calls.

import { sanitizeReturnPath } from "./rules";

export { sanitizeReturnPath };

export type SsoMode = "auto_login" | "opt_in" | "disabled";
export type SsoStatus = "unknown" | "known" | "authenticated";
export type LogoutScope = "JUST_HERE" | "THIS_DEVICE" | "OTHER_DEVICES" | "EVERYWHERE";
export type SsoUser = { id: string; email: string; displayName: string | null };
export type SsoHint = { email?: string; name?: string; site?: string };

/** What every server-to-server answer says about the reader on your site. */
export type SsoState = {
  /** The session handle to keep from now on; null: drop it (the session ended) and handshake on the next page view. */
  session: string | null;
  mode: SsoMode;
  status: SsoStatus;
  /** Present only when `authenticated`. */
  user: SsoUser | null;
  meta: { reader: Record<string, unknown>; hint?: SsoHint; promptDismissed?: boolean };
};

export type LogoutResult = SsoState & { where: LogoutScope; revokedSessions: number };

export class SsoApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = "SsoApiError";
    this.status = status;
    this.code = code;
  }
}

export type SsoClientOptions = {
  /** The organisation's auth domain, e.g. https://auth.acme.example */
  authOrigin: string;
  /** Your site's slug in the organisation, e.g. partner */
  siteSlug: string;
  clientId: string;
  clientSecret: string;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Per call; default 5000 ms. */
  timeoutMs?: number;
};

/** How long your state cookie should live (the handshake is a few redirects). */
export const STATE_COOKIE_MAX_AGE_SECONDS = 300;
/** A started handshake that never came back is not retried sooner than this. */
export const HANDSHAKE_RETRY_AFTER_START_MS = 30_000;
/** A failed or refused handshake is not retried sooner than this. */
export const HANDSHAKE_RETRY_AFTER_FAILURE_MS = 15 * 60_000;
/** Tabs opened together: within this long of a started handshake, another page may run its own. */
export const HANDSHAKE_CONCURRENT_WINDOW_MS = 10_000;
/** At most this many handshakes of one browser in flight (state cookies) on your site. */
export const MAX_HANDSHAKES_IN_FLIGHT = 5;

export type CallbackResult =
  | { ok: true; returnPath: string; state: SsoState }
  | { ok: false; returnPath: string; reason: "state_mismatch" | "missing_parameters" | "refused" | "unavailable"; error?: SsoApiError | Error };

const SECRET = /^[A-Za-z0-9_-]{43}$/;

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  const binary = atob(padded);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** 256 random bits, base64url: the state nonce. */
export function generateState(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/** Compares two strings without an early exit on the first difference. */
export function constantTimeEqual(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) difference |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return difference === 0;
}

/**
 * One state cookie PER HANDSHAKE: a reader opening several pages in tabs at once runs several
 * handshakes concurrently, and with one shared cookie each overwrote the others' state (every
 * tab ended on the last page, each collision a state_mismatch). The name is your prefix and a
 * short digest of the nonce (not the nonce itself); the callback finds its own cookie by the
 * `state` in its query (callbackStateCookieName) and clears only that one.
 */
export function stateCookieName(prefix: string, state: string): string {
  // cyrb53: a small, synchronous, dependency-free 53-bit hash. The name only has to differ
  // between a browser's few handshakes; the full nonce inside is what is checked.
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < state.length; i++) {
    const c = state.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${prefix}_${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, "0")}`;
}

/** Your callback's state cookie: the one named by the query's single, well-formed `state` (else null). */
export function callbackStateCookieName(prefix: string, query: URLSearchParams | string): string | null {
  const states = (typeof query === "string" ? new URLSearchParams(query) : query).getAll("state");
  const state = states.length === 1 ? states[0] : undefined;
  return state && SECRET.test(state) ? stateCookieName(prefix, state) : null;
}

/** The return paths of this browser's handshakes in flight: one per state cookie under `prefix` it sent. */
export function handshakesInFlight(prefix: string, cookies: Iterable<[string, string]>): string[] {
  const paths: string[] = [];
  for (const [name, value] of cookies) {
    if (/^_[0-9a-f]{14}$/.test(name.slice(prefix.length)) && name.startsWith(prefix)) paths.push(parseStateCookie(value)?.returnPath ?? "/");
  }
  return paths;
}

/** The value of your state cookie: `<state>.<base64url(return path)>`. */
export function serializeStateCookie(state: string, returnPath: string): string {
  return `${state}.${toBase64Url(new TextEncoder().encode(sanitizeReturnPath(returnPath)))}`;
}

export function parseStateCookie(value: string | null | undefined): { state: string; returnPath: string } | null {
  if (!value || value.length > 4096) return null;
  const dot = value.indexOf(".");
  const state = value.slice(0, dot);
  if (dot < 0 || !SECRET.test(state)) return null;
  try {
    return { state, returnPath: sanitizeReturnPath(new TextDecoder().decode(fromBase64Url(value.slice(dot + 1)))) };
  } catch {
    return { state, returnPath: "/" };
  }
}

/**
 * Whether a page request should start a handshake: only a top-level GET navigation for an
 * HTML page, when your session is not linked yet and no attempt is recent — so there is never
 * a redirect loop. (SSO being disabled is the other reason not to: ask getStatus(null).)
 */
export function shouldStartHandshake(options: {
  isPageNavigation: boolean;
  isLinked: boolean;
  lastStartedAt: number | null;
  lastFailedAt: number | null;
  /** Where this page's handshake would return (its path and query). */
  returnPath?: string;
  /** handshakesInFlight(): this browser's handshakes in flight. A page whose own is among them does not start another. */
  handshakesInFlight?: readonly string[];
  now?: number;
}): boolean {
  const now = options.now ?? Date.now();
  const inFlight = options.handshakesInFlight ?? [];
  if (!options.isPageNavigation || options.isLinked || inFlight.length >= MAX_HANDSHAKES_IN_FLIGHT) return false;
  // Started moments ago for another page: another tab's, on its way; this tab runs its own.
  const isOtherTab =
    options.lastStartedAt !== null &&
    now - options.lastStartedAt < HANDSHAKE_CONCURRENT_WINDOW_MS &&
    options.returnPath !== undefined &&
    !inFlight.includes(sanitizeReturnPath(options.returnPath));
  if (options.lastStartedAt !== null && now - options.lastStartedAt < HANDSHAKE_RETRY_AFTER_START_MS && !isOtherTab) return false;
  if (options.lastFailedAt !== null && now - options.lastFailedAt < HANDSHAKE_RETRY_AFTER_FAILURE_MS) return false;
  return true;
}

export class SsoClient {
  readonly #authOrigin: string;
  readonly #siteSlug: string;
  readonly #authorization: string;
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;

  constructor(options: SsoClientOptions) {
    const origin = new URL(options.authOrigin);
    if (origin.protocol !== "https:" && origin.protocol !== "http:") throw new Error("authOrigin must be an http(s) URL");
    this.#authOrigin = origin.origin;
    this.#siteSlug = options.siteSlug;
    if (options.clientId.includes(":")) throw new Error("clientId cannot contain ':'");
    this.#authorization = `Basic ${btoa(`${options.clientId}:${options.clientSecret}`)}`;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#timeoutMs = options.timeoutMs ?? 5_000;
  }

  /**
   * Step 1: where to send the browser (a 302) and the value to set in this handshake's own
   * state cookie, named stateCookieName(yourPrefix, state) (HttpOnly, SameSite=Lax, host-only,
   * Max-Age STATE_COOKIE_MAX_AGE_SECONDS).
   */
  startHandshake(returnPath = "/"): { url: string; state: string; stateCookie: string } {
    const state = generateState();
    const url = new URL("/sso/handshake", this.#authOrigin);
    url.searchParams.set("site", this.#siteSlug);
    url.searchParams.set("state", state);
    return { url: url.toString(), state, stateCookie: serializeStateCookie(state, returnPath) };
  }

  /**
   * Step 3: your callback received `?ott=…&state=…`. Checks the state against your cookie
   * (login CSRF defence), then exchanges the OTT. Never throws: a failure sends the reader back
   * unlinked (remember the failure, and do not retry at once — see shouldStartHandshake).
   * `stateCookie`: the cookie named callbackStateCookieName(yourPrefix, query). Clear that
   * cookie (and only that one: other tabs' handshakes have theirs) whatever the result.
   */
  async handleCallback(options: { query: URLSearchParams | string; stateCookie: string | null | undefined; userAgent?: string | null }): Promise<CallbackResult> {
    const query = typeof options.query === "string" ? new URLSearchParams(options.query) : options.query;
    const cookie = parseStateCookie(options.stateCookie);
    const returnPath = cookie?.returnPath ?? "/";
    const single = (name: string) => {
      const values = query.getAll(name);
      return values.length === 1 ? (values[0] ?? null) : null;
    };
    const ott = single("ott");
    const state = single("state");
    // The auth domain refused the handshake (rate limit, SSO off) and sent the browser back with
    // `error` instead of an OTT: render the page unlinked and do not retry at once. Only your own
    // handshake's refusal counts (its state cookie); a forged link is a state mismatch.
    const refusal = single("error");
    if (!ott && refusal && state) {
      if (!cookie || !constantTimeEqual(cookie.state, state)) return { ok: false, returnPath: "/", reason: "state_mismatch" };
      return { ok: false, returnPath, reason: "refused", error: new SsoApiError(403, refusal.slice(0, 64), "The sign-on domain refused the handshake.") };
    }
    if (!ott || !state) return { ok: false, returnPath, reason: "missing_parameters" };
    if (!cookie || !constantTimeEqual(cookie.state, state)) return { ok: false, returnPath, reason: "state_mismatch" };
    try {
      const result = await this.#call<SsoState>("/sso/exchange", { ott, state, ...(options.userAgent ? { userAgent: options.userAgent.slice(0, 512) } : {}) });
      return { ok: true, returnPath, state: result };
    } catch (error) {
      const refused = error instanceof SsoApiError && error.status < 500 && error.code !== "invalid_client";
      return { ok: false, returnPath, reason: refused ? "refused" : "unavailable", error: error instanceof Error ? error : new Error(String(error)) };
    }
  }

  /** The reader's status on your site. Without a handle it still answers the mode (is SSO on?). Keep the `session` it returns. */
  getStatus(session: string | null): Promise<SsoState> {
    return this.#call<SsoState>("/sso/session/status", session ? { session } : {});
  }

  /** The reader clicked “Continue as …” (status `known`): signs them in. Keep the new `session`. */
  loginWithSso(session: string): Promise<SsoState> {
    return this.#call<SsoState>("/sso/session/login", { session, use_sso: true });
  }

  /** Signs out with a scope (default: the mode's). Keep the new `session` (a fresh anonymous one, still linked when possible). */
  logout(session: string, where?: LogoutScope): Promise<LogoutResult> {
    return this.#call<LogoutResult>("/sso/session/logout", { session, ...(where ? { where } : {}) });
  }

  async #call<T>(path: string, body: Record<string, unknown>): Promise<T> {
    const response = await this.#fetch(new URL(path, this.#authOrigin).toString(), {
      method: "POST",
      headers: { authorization: this.#authorization, "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.#timeoutMs),
      redirect: "error",
    });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (!response.ok) {
      const error = (parsed as { error?: { code?: unknown; message?: unknown } } | null)?.error;
      throw new SsoApiError(
        response.status,
        typeof error?.code === "string" ? error.code : "http_error",
        typeof error?.message === "string" ? error.message : `HTTP ${response.status}`,
      );
    }
    if (parsed === null || typeof parsed !== "object") throw new SsoApiError(response.status, "invalid_response", "The auth domain answered something other than JSON.");
    return parsed as T;
  }
}
