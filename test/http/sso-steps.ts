// Step-by-step handshakes for the SSO security tests: each hop of design §3 done by hand
// (no redirect following), so a test can stop at the callback, copy or forge its inputs, and
// inspect every response. Also: the Location collector used by the open-redirect tests.
import http from "node:http";
import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { db } from "@/lib/db/client";
import { hashSecret } from "@/lib/security/secrets";
import { countHandshakesInFlight, handshakeStateCookieName } from "@/lib/sso/handshake-state";
import { appPort, type TestBrowser } from "./browser";
import { siteUrl } from "./flows";
import type { TestOrg } from "./factory";

/** Cookie names on *.localhost, where the product marks cookies Secure and uses the __Host- prefix. */
export const SESSION_COOKIE = "__Host-mss_session";
/** The prefix of the per-handshake state cookies (`__Host-mss_sso_state_<id>`, one per handshake). */
export const STATE_COOKIE_PREFIX = "__Host-mss_sso_state_";

/** The state cookie of the handshake with this nonce. */
export function stateCookieName(state: string): string {
  return handshakeStateCookieName(state, true);
}

/** How many handshake state cookies the browser holds on a host. */
export function stateCookieCount(browser: TestBrowser, host: string): number {
  return countHandshakesInFlight(browser.cookieNames(host), true);
}
export const TOKEN_COOKIE = "__Host-mss_sso";

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

export function authUrl(org: Pick<TestOrg, "authHost">, path: string): string {
  return `http://${org.authHost}:${appPort()}${path}`;
}

/** A well-formed state nonce (256 bits, base64url) that no handshake ever issued. */
export function freshNonce(): string {
  return randomBytes(32).toString("base64url");
}

export function locationOf(response: { headers: http.IncomingHttpHeaders }): string | null {
  const location = response.headers.location;
  return typeof location === "string" ? location : null;
}

export function setCookieLines(response: { headers: http.IncomingHttpHeaders }): string[] {
  return response.headers["set-cookie"] ?? [];
}

export type HandshakeSteps = {
  /** The site's answer to the page navigation: a 302 to the auth domain. */
  siteResponse: RawResponse;
  handshakeUrl: string;
  /** The auth domain's answer: a 302 to the site's registered callback. */
  handshakeResponse: RawResponse;
  callbackUrl: string;
  ott: string;
  state: string;
  /** The raw value of this handshake's state cookie after step 1 (`<state>.<base64url(return path)>`). */
  stateCookie: string;
};

/**
 * Steps 1–2 of the handshake for a top-level navigation to `path` on `host`, stopping before
 * the callback: returns the callback URL (with its OTT) without redeeming it.
 */
export async function handshakeUntilCallback(browser: TestBrowser, host: string, path = "/"): Promise<HandshakeSteps> {
  const siteResponse = await browser.request(siteUrl(host, path), { navigation: true });
  const handshakeLocation = locationOf(siteResponse);
  expect(siteResponse.status, `site ${path} should start a handshake`).toBe(302);
  expect(handshakeLocation).not.toBeNull();
  const handshakeUrl = new URL(handshakeLocation as string, siteUrl(host, path)).toString();
  expect(new URL(handshakeUrl).pathname).toBe("/sso/handshake");

  const handshakeResponse = await browser.request(handshakeUrl, { navigation: true });
  expect(handshakeResponse.status, `handshake answered ${handshakeResponse.status}: ${handshakeResponse.body.slice(0, 200)}`).toBe(302);
  const callbackUrl = locationOf(handshakeResponse);
  expect(callbackUrl).not.toBeNull();
  const callback = new URL(callbackUrl as string);
  const ott = callback.searchParams.get("ott");
  const state = callback.searchParams.get("state");
  expect(ott).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const stateCookie = browser.cookie(host, stateCookieName(state as string));
  expect(stateCookie, "the site sets its state cookie when it starts a handshake").not.toBeNull();
  return {
    siteResponse,
    handshakeUrl,
    handshakeResponse,
    callbackUrl: callback.toString(),
    ott: ott as string,
    state: state as string,
    stateCookie: stateCookie as string,
  };
}

/** The OTT row behind a raw OTT value. */
export function findOtt(ott: string) {
  return db.oneTimeToken.findUnique({ where: { tokenHash: hashSecret(ott) } });
}

/** The live site session this browser's cookie on `host` names, or null. */
export async function sessionOf(browser: TestBrowser, host: string) {
  const secret = browser.cookie(host, SESSION_COOKIE);
  if (!secret) return null;
  return db.siteSession.findUnique({ where: { secretHash: hashSecret(secret) } });
}

/** The SSO token this browser's cookie on the organisation's auth host names, or null. */
export async function ssoTokenOf(browser: TestBrowser, org: Pick<TestOrg, "authHost">) {
  const secret = browser.cookie(org.authHost, TOKEN_COOKIE);
  if (!secret) return null;
  return db.ssoToken.findUnique({ where: { secretHash: hashSecret(secret) } });
}

export function auditEvents(options: { orgId: string; type: string; siteId?: string }) {
  return db.auditEvent.findMany({
    where: { orgId: options.orgId, type: options.type, ...(options.siteId ? { siteId: options.siteId } : {}) },
    orderBy: { createdAt: "asc" },
  });
}

/**
 * One navigation request with the path sent byte for byte (no client-side URL normalisation,
 * as curl --path-as-is), with this browser's cookies and headers; cookies it sets are kept.
 */
export function rawNavigation(browser: TestBrowser, host: string, rawPath: string): Promise<RawResponse> {
  const headers: Record<string, string> = {
    host: `${host}:${appPort()}`,
    "user-agent": browser.userAgent,
    "x-forwarded-for": browser.ip,
    accept: "text/html,application/xhtml+xml",
    "sec-fetch-dest": "document",
    "sec-fetch-mode": "navigate",
    "sec-fetch-site": "none",
  };
  const cookie = browser.cookieHeader(host);
  if (cookie) headers.cookie = cookie;
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port: appPort(), path: rawPath, method: "GET", headers, setHost: false }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => {
        for (const line of response.headers["set-cookie"] ?? []) {
          const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
          const eq = pair.indexOf("=");
          if (eq <= 0) continue;
          const expired = attributes.some((a) => /^max-age=0$/i.test(a));
          // TestBrowser has no delete: an emptied cookie reads as absent to the product.
          browser.setCookie(host, pair.slice(0, eq), expired ? "" : pair.slice(eq + 1));
        }
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
      });
    });
    request.on("error", reject);
    request.end();
  });
}

// ---------------------------------------------------------------------------------------
// Open-redirect checks
// ---------------------------------------------------------------------------------------

export type RedirectWalk = {
  /** Every Location header seen, verbatim, in order. */
  locations: string[];
  /** The request URLs, in order. */
  urls: string[];
  final: { url: string; status: number };
  /** Set when a Location pointed off the allowed hosts (the walk stops there, never following it). */
  escapedTo: string | null;
};

/**
 * Whether a Location stays on our hosts, judged as a browser resolves it (WHATWG URL: "\\" is
 * "/", tabs and newlines vanish): absolute on an allowed host, or relative with exactly one
 * leading "/" and still on the page's own host once resolved.
 */
export function isSafeLocation(location: string, allowedHosts: readonly string[]): boolean {
  // Never something a server of ours should emit; browsers would silently strip some of them.
  if (/[\u0000-\u001f\u007f]/.test(location)) return false;
  const base = "http://current-page.invalid/some/page";
  let resolved: URL;
  try {
    resolved = new URL(location, base);
  } catch {
    return false;
  }
  if (resolved.protocol !== "http:" && resolved.protocol !== "https:") return false;
  if (resolved.hostname === "current-page.invalid") return location.startsWith("/") && !location.startsWith("//") && !location.startsWith("/\\");
  return /^https?:\/\//i.test(location) && allowedHosts.includes(resolved.hostname);
}

export function expectLocationsOnRegisteredHosts(locations: readonly string[], allowedHosts: readonly string[]): void {
  const offending = locations.filter((location) => !isSafeLocation(location, allowedHosts));
  expect(offending, `Location headers off the registered hosts (${allowedHosts.join(", ")})`).toEqual([]);
}

/**
 * Follows a navigation like a browser, but only to the allowed hosts: every Location is
 * recorded, and one that leaves them stops the walk (so a broken product fails the assertion
 * instead of making the test connect somewhere else). `first` lets the caller make the first
 * request itself (e.g. with a raw, un-normalised path).
 */
export async function walkRedirects(
  browser: TestBrowser,
  startUrl: string,
  options: { allowedHosts: readonly string[]; maxHops?: number; first?: RawResponse },
): Promise<RedirectWalk> {
  const locations: string[] = [];
  const urls: string[] = [];
  let current = startUrl;
  for (let hop = 0; hop <= (options.maxHops ?? 10); hop++) {
    urls.push(current);
    const response = hop === 0 && options.first ? options.first : await browser.request(current, { navigation: true });
    const location = locationOf(response);
    if (response.status < 300 || response.status >= 400 || location === null) {
      return { locations, urls, final: { url: current, status: response.status }, escapedTo: null };
    }
    locations.push(location);
    if (!isSafeLocation(location, options.allowedHosts)) {
      return { locations, urls, final: { url: current, status: response.status }, escapedTo: location };
    }
    current = new URL(location, current).toString();
  }
  throw new Error(`too many redirects from ${startUrl}: ${urls.join(" → ")}`);
}
