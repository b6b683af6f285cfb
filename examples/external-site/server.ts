// An external site: a plain Node HTTP server, NOT served by multisite-sso, that joins an
// organisation's single sign-on with @multisite-sso/sso-client. Its own session cookie, its own
// in-memory session store (a real site would use its database or Redis), and these pages:
//   GET  /          the home page: starts a handshake on a reader's first visit, then shows
//                   who is signed in (asking the auth domain server-to-server on each view)
//   GET  /callback  the registered callback: checks the state, exchanges the OTT
//   POST /continue  Opt In: "Continue as …" (use_sso)
//   POST /logout    signs out (the mode's default scope)
//   GET  /healthz   for scripts waiting on it
// Configuration (environment): PORT (3001), SITE_HOST (partner.localhost), AUTH_ORIGIN
// (http://auth.acme.localhost:3000), SITE_SLUG (partner), CLIENT_ID, CLIENT_SECRET (the demo's).
import { randomBytes } from "node:crypto";
import http from "node:http";
import {
  callbackStateCookieName,
  handshakesInFlight,
  SsoClient,
  STATE_COOKIE_MAX_AGE_SECONDS,
  shouldStartHandshake,
  stateCookieName,
  type SsoMode,
  type SsoState,
} from "../../packages/sso-client/src/index.ts";
import { createLocalhostFetch } from "./localhost-fetch.ts";

const config = {
  port: Number(process.env.PORT ?? 3001),
  siteHost: process.env.SITE_HOST ?? "partner.localhost",
  authOrigin: process.env.AUTH_ORIGIN ?? "http://auth.acme.localhost:3000",
  siteSlug: process.env.SITE_SLUG ?? "partner",
  clientId: process.env.CLIENT_ID ?? "acme-partner-demo",
  clientSecret: process.env.CLIENT_SECRET ?? "demo-partner-secret-not-for-production-0001",
};

const sso = new SsoClient({
  authOrigin: config.authOrigin,
  siteSlug: config.siteSlug,
  clientId: config.clientId,
  clientSecret: config.clientSecret,
  fetch: createLocalhostFetch(),
});

// Browsers keep Secure cookies on http://*.localhost, so the __Host- prefix works in development too.
const SESSION_COOKIE = "__Host-partner_sid";
/** Prefix of the state cookies: one per handshake (tabs run several at once), `<prefix>_<id>`. */
const STATE_COOKIE_PREFIX = "__Host-partner_sso_state";

type LocalSession = {
  /** The SSO session handle: server-side only, never sent to the browser. */
  handle: string | null;
  sso: SsoState | null;
  handshakeStartedAt: number | null;
  handshakeFailedAt: number | null;
};

const sessions = new Map<string, LocalSession>();

function newSessionId(): string {
  return randomBytes(32).toString("base64url");
}

function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return cookies;
}

function cookie(name: string, value: string, maxAgeSeconds?: number): string {
  return [`${name}=${value}`, "Path=/", "HttpOnly", "Secure", "SameSite=Lax", ...(maxAgeSeconds === undefined ? [] : [`Max-Age=${maxAgeSeconds}`])].join("; ");
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

let cachedMode: { mode: SsoMode; at: number } | null = null;

/** Is SSO on for this site? Asked without a handle; cached briefly (a handshake while it is disabled would end on the auth domain's error page). */
async function currentMode(): Promise<SsoMode> {
  if (cachedMode && Date.now() - cachedMode.at < 5_000) return cachedMode.mode;
  const state = await sso.getStatus(null);
  cachedMode = { mode: state.mode, at: Date.now() };
  return state.mode;
}

function remember(session: LocalSession, state: SsoState): void {
  session.handle = state.session;
  session.sso = state.session ? state : null;
}

function page(session: LocalSession, notice: string | null): string {
  const state = session.sso;
  let body: string;
  if (state?.status === "authenticated" && state.user) {
    body = `<p data-testid="partner-signed-in-as">Signed in as ${escapeHtml(state.user.displayName ?? state.user.email)}</p>
<form method="post" action="/logout"><button type="submit">Sign out</button></form>`;
  } else if (state?.status === "known") {
    const who = state.meta.hint?.email ?? state.meta.hint?.name ?? "your account";
    const where = state.meta.hint?.site ? ` on ${escapeHtml(state.meta.hint.site)}` : "";
    body = `<p data-testid="partner-signed-out">You're signed in${where} as ${escapeHtml(who)}.</p>
<form method="post" action="/continue"><button type="submit" data-testid="partner-continue">Continue as ${escapeHtml(who)}</button></form>`;
  } else {
    body = `<p data-testid="partner-signed-out">Not signed in. Sign in on any of the organisation's sites and come back.</p>`;
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme Partner</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;margin:3rem auto;max-width:40rem;padding:0 1rem}header{border-bottom:4px solid #8c1f6e;margin-bottom:1rem}</style>
</head><body><header><h1>Acme Partner</h1><p>An external site: not served by multisite-sso, signed in through it.</p></header>
${notice ? `<p role="status">${escapeHtml(notice)}</p>` : ""}${body}</body></html>`;
}

function isPageNavigation(request: http.IncomingMessage): boolean {
  const destination = request.headers["sec-fetch-dest"];
  if (destination) return destination === "document" && request.headers["sec-fetch-mode"] === "navigate";
  return (request.headers.accept ?? "").includes("text/html");
}

function isSameOrigin(request: http.IncomingMessage): boolean {
  const origin = request.headers.origin;
  return origin === `http://${request.headers.host}` || origin === `https://${request.headers.host}` || request.headers["sec-fetch-site"] === "same-origin";
}

async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const url = new URL(request.url ?? "/", `http://${request.headers.host ?? config.siteHost}`);
  if (url.pathname === "/healthz") {
    response.writeHead(200, { "content-type": "text/plain" }).end("ok");
    return;
  }
  const cookies = parseCookies(request.headers.cookie);
  const setCookies: string[] = [];
  let sessionId = cookies.get(SESSION_COOKIE) ?? "";
  let session = sessions.get(sessionId);
  if (!session) {
    sessionId = newSessionId();
    session = { handle: null, sso: null, handshakeStartedAt: null, handshakeFailedAt: null };
    sessions.set(sessionId, session);
    setCookies.push(cookie(SESSION_COOKIE, sessionId));
  }
  /** A new local session id whenever the reader gains privilege (session fixation defence). */
  const rotate = () => {
    if (!session) return;
    sessions.delete(sessionId);
    sessionId = newSessionId();
    sessions.set(sessionId, session);
    setCookies.push(cookie(SESSION_COOKIE, sessionId));
  };
  const send = (status: number, headers: Record<string, string>, body = "") => {
    response.writeHead(status, { "cache-control": "no-store", ...headers, ...(setCookies.length ? { "set-cookie": setCookies } : {}) }).end(body);
  };

  if (url.pathname === "/callback" && request.method === "GET") {
    const stateCookie = callbackStateCookieName(STATE_COOKIE_PREFIX, url.searchParams);
    const result = await sso.handleCallback({ query: url.searchParams, stateCookie: stateCookie ? cookies.get(stateCookie) : null, userAgent: request.headers["user-agent"] ?? null });
    if (stateCookie) setCookies.push(cookie(stateCookie, "", 0));
    if (result.ok) {
      const wasAuthenticated = session.sso?.status === "authenticated";
      remember(session, result.state);
      session.handshakeFailedAt = null;
      if (!wasAuthenticated && result.state.status === "authenticated") rotate();
    } else {
      session.handshakeFailedAt = Date.now();
      console.error(`[partner] handshake failed: ${result.reason}${result.error ? ` (${result.error.message})` : ""}`);
    }
    send(302, { location: result.returnPath, "referrer-policy": "no-referrer" });
    return;
  }

  if ((url.pathname === "/continue" || url.pathname === "/logout") && request.method === "POST") {
    if (!isSameOrigin(request)) return send(403, { "content-type": "text/plain" }, "Cross-origin request refused.");
    if (session.handle) {
      try {
        remember(session, url.pathname === "/continue" ? await sso.loginWithSso(session.handle) : await sso.logout(session.handle));
        rotate();
      } catch (error) {
        // e.g. 409: the reader signed out elsewhere meanwhile; the page shows the state as it is now.
        console.error(`[partner] ${url.pathname} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    send(303, { location: "/" });
    return;
  }

  if (request.method !== "GET") return send(405, { allow: "GET", "content-type": "text/plain" }, "Method not allowed");

  let notice: string | null = null;
  try {
    if (session.handle) {
      // Everything after the link is server-side: a sign-in or sign-out on another site shows here.
      const wasAuthenticated = session.sso?.status === "authenticated";
      remember(session, await sso.getStatus(session.handle));
      if (!wasAuthenticated && session.sso?.status === "authenticated") rotate();
    }
    const wantsHandshake = shouldStartHandshake({
      isPageNavigation: isPageNavigation(request),
      isLinked: session.handle !== null,
      lastStartedAt: session.handshakeStartedAt,
      lastFailedAt: session.handshakeFailedAt,
      returnPath: `${url.pathname}${url.search}`,
      handshakesInFlight: handshakesInFlight(STATE_COOKIE_PREFIX, cookies),
    });
    if (wantsHandshake && (await currentMode()) !== "disabled") {
      const handshake = sso.startHandshake(`${url.pathname}${url.search}`);
      session.handshakeStartedAt = Date.now();
      setCookies.push(cookie(stateCookieName(STATE_COOKIE_PREFIX, handshake.state), handshake.stateCookie, STATE_COOKIE_MAX_AGE_SECONDS));
      send(302, { location: handshake.url, "referrer-policy": "no-referrer" });
      return;
    }
  } catch (error) {
    // The sign-on being unreachable must not take this site down: render as signed out.
    notice = "Sign-on is unavailable right now.";
    console.error(`[partner] sign-on call failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  send(200, { "content-type": "text/html; charset=utf-8" }, page(session, notice));
}

const server = http.createServer((request, response) => {
  handle(request, response).catch((error: unknown) => {
    console.error(`[partner] ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
    response.end("Something went wrong.");
  });
});

server.listen(config.port, () => {
  console.log(`[partner] external site on http://${config.siteHost}:${config.port} (auth domain ${config.authOrigin}, site ${config.siteSlug})`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.close(() => process.exit(0)));
