// Applies the SSO plan to one request on a site: finds (or starts) the browser's site
// session, signs it in under Auto Login, and decides whether to send the browser on a
// handshake. Returns the cookies to set and the context as it is after this request, so the
// caller (proxy or route handler) renders with it and needs no second lookup.
import type { CookieToSet } from "@/lib/http/apply-cookies";
import { cookieName, cookieOptions, isSecureRequest } from "@/lib/http/cookies";
import { getRequestOrigin, originOfSibling } from "@/lib/http/request-origin";
import { handshakesStarted } from "@/lib/observability/sso-metrics";
import { hashSecret, isWellFormedSecret } from "@/lib/security/secrets";
import {
  buildHandshakeUrl,
  createHandshakeState,
  handshakeReturnPath,
  handshakesInFlight,
  handshakeStateCookieName,
  serializeHandshakeState,
  STATE_COOKIE_MAX_AGE_SECONDS,
} from "./handshake-state";
import { applyAutoLogin } from "./apply-auto-login";
import { planSiteRequest } from "./plan-site-request";
import { loadSiteContext, type SiteContext } from "./site-context";
import { createAnonymousSession, markHandshakeStarted } from "./site-sessions";
import { wasEvictedByDeviceLimit } from "./device-limit-notice";

export type IncomingSiteRequest = {
  method: string;
  url: string;
  headers: Headers;
  /** The request's own cookie reader (NextRequest.cookies); tolerant of garbage. */
  cookies: { get(name: string): { value: string } | undefined; getAll(): { name: string; value: string }[] };
};

export type SiteRequestOutcome = {
  context: SiteContext;
  /** The session secret the browser holds after this response (null: none). */
  sessionSecret: string | null;
  cookies: CookieToSet[];
  /** Where to send the browser instead of rendering (a handshake), or null. */
  redirectTo: string | null;
  secure: boolean;
  /** This browser's cookie named a session the device limit ended: its next page says so (lib/sso/device-limit.ts). */
  evicted: boolean;
};

export function readSessionSecret(request: IncomingSiteRequest, secure: boolean): string | null {
  const value = request.cookies.get(cookieName("siteSession", secure))?.value;
  return isWellFormedSecret(value) ? value : null;
}

export function isDocumentNavigation(headers: Headers): boolean {
  if (headers.get("rsc") || headers.get("next-router-prefetch") || headers.get("purpose") === "prefetch") return false;
  const destination = headers.get("sec-fetch-dest");
  const mode = headers.get("sec-fetch-mode");
  if (destination || mode) return destination === "document" && mode === "navigate";
  // Older clients without fetch metadata: only an explicit request for HTML counts.
  return (headers.get("accept") ?? "").includes("text/html");
}

export function sessionCookie(secret: string, context: SiteContext, secure: boolean): CookieToSet {
  return { name: cookieName("siteSession", secure), value: secret, options: cookieOptions(secure, context.site.sessionAbsoluteSeconds) };
}

export async function resolveSiteRequest(options: {
  siteId: string;
  request: IncomingSiteRequest;
  /** Route handlers (API, callback) never start handshakes. */
  allowHandshake: boolean;
}): Promise<SiteRequestOutcome | null> {
  const { request } = options;
  const origin = getRequestOrigin(request);
  if (!origin) return null;
  const secure = isSecureRequest(origin);
  let sessionSecret = readSessionSecret(request, secure);
  const loaded = await loadSiteContext({ siteId: options.siteId, sessionHash: sessionSecret ? hashSecret(sessionSecret) : null });
  if (!loaded) return null;
  let context = loaded;
  const url = new URL(request.url);
  const plan = planSiteRequest(context, {
    method: request.method,
    pathname: url.pathname,
    kind: !options.allowHandshake ? "api" : isDocumentNavigation(request.headers) ? "document" : "background",
    returnPath: handshakeReturnPath(`${url.pathname}${url.search}`),
    handshakesInFlight: handshakesInFlight(request.cookies.getAll(), secure),
    now: new Date(),
  });
  const cookies: CookieToSet[] = [];
  // A cookie that finds no live session: ended by the device limit? (Asked only on this rare path.)
  const evicted = Boolean(sessionSecret && !context.session) && (await wasEvictedByDeviceLimit({ sessionHash: hashSecret(sessionSecret!), siteId: context.site.id }));
  const userAgent = request.headers.get("user-agent");

  if (plan.createSession) {
    // A dead or unknown cookie is replaced, never revived.
    const created = await createAnonymousSession({
      orgId: context.site.orgId,
      siteId: context.site.id,
      absoluteSeconds: context.site.sessionAbsoluteSeconds,
      userAgent,
      handshakeStarted: plan.startHandshake,
    });
    sessionSecret = created.secret;
    context = {
      ...context,
      session: { id: created.id, readerId: null, authMethod: null, ssoTokenId: null, handshakeStartedAt: null, handshakeFailedAt: null },
      token: null,
      reader: null,
    };
    cookies.push(sessionCookie(created.secret, context, secure));
  } else if (plan.startHandshake && context.session) {
    await markHandshakeStarted(context.session.id);
  }

  if (plan.startHandshake) {
    handshakesStarted.inc({});
    const handshake = createHandshakeState(`${url.pathname}${url.search}`);
    cookies.push({
      name: handshakeStateCookieName(handshake.state, secure),
      value: serializeHandshakeState(handshake),
      options: cookieOptions(secure, STATE_COOKIE_MAX_AGE_SECONDS),
    });
    const redirectTo = buildHandshakeUrl({
      authOrigin: originOfSibling(origin, context.site.authHost),
      siteSlug: context.site.slug,
      state: handshake.state,
    });
    return { context, sessionSecret, cookies, redirectTo, secure, evicted };
  }

  if (plan.autoSignIn) {
    const signedIn = await applyAutoLogin({ context, secret: sessionSecret });
    context = signedIn.context;
    sessionSecret = signedIn.secret;
    if (signedIn.rotated && signedIn.secret) cookies.push(sessionCookie(signedIn.secret, context, secure));
  }
  return { context, sessionSecret, cookies, redirectTo: null, secure, evicted };
}
