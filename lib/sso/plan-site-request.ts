// The rule for "what does SSO do with this request on a site?" (design §3–4), as a pure
// function of the site context and the request's shape. The proxy and the route handlers
// only apply its plan.
import { classifyPath } from "@/lib/http/path-kind";
import { MAX_HANDSHAKES_IN_FLIGHT } from "./handshake-state";
import type { SiteContext } from "./site-context";
import { readTokenMeta } from "./token-meta";

/** A started handshake that never came back is not retried sooner than this. */
export const HANDSHAKE_RETRY_AFTER_START_MS = 30_000;
/**
 * Tabs opened together: while a session's handshake started less than this long ago, a
 * navigation of the same browser to another page (another tab) runs its own handshake rather
 * than rendering unlinked — bounded by the state cookies in flight (MAX_HANDSHAKES_IN_FLIGHT)
 * and by the failure marker, so it can never loop.
 */
export const HANDSHAKE_CONCURRENT_WINDOW_MS = 10_000;
/** A failed or refused handshake is not retried sooner than this. */
export const HANDSHAKE_RETRY_AFTER_FAILURE_MS = 15 * 60_000;

export type RequestShape = {
  method: string;
  pathname: string;
  /**
   * document: a top-level navigation for an HTML page; api: a call to one of our route
   * handlers (status, next-auth…); background: anything else the browser fetches on its own
   * (RSC payloads, prefetches), which may run concurrently with a navigation.
   */
  kind: "document" | "api" | "background";
  /** Where a handshake started by this request would return to (handshake-state.ts). */
  returnPath: string;
  /** The return paths of this browser's handshakes on this site still in flight (its state cookies). */
  handshakesInFlight: readonly string[];
  now: Date;
};

export type SiteRequestPlan = {
  /** No live session: start an anonymous one (every visitor of a site gets a session). */
  createSession: boolean;
  /** Sign this linked anonymous session in as the SSO token's reader (Auto Login), rotating its secret. */
  autoSignIn: boolean;
  /** Send the browser to the auth domain to link this session. */
  startHandshake: boolean;
};

function isRecent(time: Date | null, windowMs: number, now: Date): boolean {
  return time !== null && now.getTime() - time.getTime() < windowMs;
}

/**
 * Auto Login: a linked, anonymous, live session whose SSO token is authenticated is signed in
 * as the token's reader — unless the reader signed this browser out of this site from their
 * account page (lib/sso/site-sign-out.ts). The same rule for a site's requests and an external
 * site's server-to-server calls (lib/sso/external/external-session.ts).
 */
export function canAutoSignIn(context: SiteContext): boolean {
  const { site, session, token } = context;
  return (
    site.mode === "auto_login" &&
    session !== null &&
    session.readerId === null &&
    token !== null &&
    token.isAuthenticated &&
    !readTokenMeta(token.meta).signedOutSites.includes(site.id)
  );
}

export function planSiteRequest(context: SiteContext, request: RequestShape): SiteRequestPlan {
  const { site, session, token } = context;
  const path = classifyPath(request.pathname, "site");
  // Only pages: never an API call, the callback, an asset or one of Next's own paths.
  const isPageGet = request.method === "GET" && path.kind === "page";
  const ssoOn = site.mode !== "disabled";

  // A navigation or an API GET (e.g. status) may complete an Auto Login; never the callback
  // (it links first), and never a background fetch: those race the page's own navigation, and
  // a rotation there would leave the navigation holding a dead cookie.
  const autoSignIn =
    request.method === "GET" && request.kind !== "background" && path.kind !== "sso-browser" && canAutoSignIn(context);

  // A handshake started moments ago for another page is another tab's, still on its way: this
  // tab runs its own (each has its own state cookie). One for this very page is this tab's own
  // attempt coming round again (the auth domain did not answer, the reader reloaded): it is not
  // repeated, nor is one started longer ago that never came back, for a while — the reader gets
  // the page.
  const startedAt = session?.handshakeStartedAt ?? null;
  const isOtherTab = isRecent(startedAt, HANDSHAKE_CONCURRENT_WINDOW_MS, request.now) && !request.handshakesInFlight.includes(request.returnPath);
  const mayStartAnother = !isRecent(startedAt, HANDSHAKE_RETRY_AFTER_START_MS, request.now) || isOtherTab;
  const startHandshake =
    ssoOn &&
    isPageGet &&
    request.kind === "document" &&
    request.handshakesInFlight.length < MAX_HANDSHAKES_IN_FLIGHT &&
    (session === null || (token === null && mayStartAnother && !isRecent(session.handshakeFailedAt, HANDSHAKE_RETRY_AFTER_FAILURE_MS, request.now)));

  // `token === null` covers both "never linked" and "linked to a token that was revoked or
  // expired since": either way the session is re-linked by a fresh handshake.
  // Sessions start on document navigations only: a background fetch racing a rotation must
  // never replace the browser's fresh cookie with a new anonymous session.
  return { createSession: session === null && isPageGet && request.kind === "document", autoSignIn, startHandshake };
}
