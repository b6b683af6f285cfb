// Shared steps for the logout / SSO-endpoint / malformed-input HTTP tests: browsers signed in
// the way a reader does it, the logout call, the error-shape check, and a raw request that
// sends exactly the headers given (TestBrowser always adds fetch-metadata headers).
import http from "node:http";
import net from "node:net";
import { randomInt } from "node:crypto";
import { expect } from "vitest";
import { appPort, TestBrowser } from "./browser";
import { createTestOrg } from "./factory";
import { signInWithPassword, siteUrl, ssoStatus } from "./flows";

/** The site-session cookie on *.localhost (Secure there, hence the __Host- prefix). */
export const SESSION_COOKIE = "__Host-mss_session";

export type Reader = { id: string; email: string; password: string };

/** A browser that visited `host` (handshake in SSO modes) and signed in there by password. */
export async function browserSignedInOn(host: string, reader: Reader, browser = new TestBrowser()): Promise<TestBrowser> {
  const page = await browser.navigate(siteUrl(host, "/"));
  expect(page.status, `first visit to ${host}`).toBe(200);
  const signIn = await signInWithPassword(browser, host, reader.email, reader.password);
  expect(signIn.status, `password sign-in on ${host}: ${signIn.body}`).toBeLessThan(400);
  expect(browser.cookie(host, SESSION_COOKIE)).not.toBeNull();
  return browser;
}

/** Visits a site's home page like a reader (handshake and Auto Login happen here). */
export async function visit(browser: TestBrowser, host: string): Promise<void> {
  const page = await browser.navigate(siteUrl(host, "/"));
  expect(page.status, `visit ${host}`).toBe(200);
}

export async function logout(browser: TestBrowser, host: string, body?: unknown) {
  return browser.json<Record<string, unknown>>(siteUrl(host, "/api/logout"), { method: "POST", ...(body === undefined ? {} : { body }) });
}

export async function statusOf(browser: TestBrowser, host: string): Promise<string> {
  return (await ssoStatus(browser, host)).status;
}

/** Who next-auth's /api/auth/session says is signed in (answered from OUR site session). */
export async function sessionUser(browser: TestBrowser, host: string): Promise<string | null> {
  const response = await browser.json<{ user?: { email?: string } }>(siteUrl(host, "/api/auth/session"));
  expect(response.status).toBe(200);
  return response.json?.user?.email ?? null;
}

export function expectErrorShape(response: { status: number; body: string }, status?: number, code?: string): void {
  if (status !== undefined) expect(response.status, response.body).toBe(status);
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body);
  } catch {
    throw new Error(`expected the JSON error shape, got ${response.status}: ${JSON.stringify(response.body.slice(0, 300))}`);
  }
  expect(parsed, `error shape of ${response.status}`).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  const error = (parsed as { error: { code: string } }).error;
  expect(error.code).toMatch(/^[a-z]+(_[a-z]+)*$/);
  if (code !== undefined) expect(error.code).toBe(code);
}

function randomIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

/**
 * One request with exactly these headers (plus Host): no Origin, no Sec-Fetch-* unless given.
 * `path` is sent as-is, so it may carry bytes a URL object would normalise away.
 * `body` may be a Buffer; `chunked` streams it without a Content-Length.
 */
export function rawRequest(options: {
  host: string;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  chunked?: boolean;
}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    // Its own client IP unless given, so rate-limit buckets (kept in the shared database) of
    // one test never fill up another's.
    const headers: Record<string, string> = { host: `${options.host}:${appPort()}`, "x-forwarded-for": randomIp(), ...options.headers };
    if (options.body !== undefined && !options.chunked) headers["content-length"] = String(Buffer.byteLength(options.body));
    const request = http.request(
      { host: "127.0.0.1", port: appPort(), method: options.method ?? "GET", path: options.path, headers, setHost: false, insecureHTTPParser: false },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    // The server may answer (413) before it has read a large body and close the socket: an
    // EPIPE/ECONNRESET on OUR write side once the answer has arrived is not a failure.
    let answered = false;
    request.on("response", () => (answered = true));
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    if (options.body !== undefined) {
      if (options.chunked) {
        const data = Buffer.from(options.body);
        for (let offset = 0; offset < data.length; offset += 64 * 1024) request.write(data.subarray(offset, offset + 64 * 1024));
      } else {
        request.write(options.body);
      }
    }
    request.end();
  });
}

/**
 * Bytes straight onto a socket (for request lines Node's HTTP client refuses to send: raw NUL
 * or non-ASCII bytes). Returns the status code of the answer, which may come from the server's
 * HTTP parser itself.
 */
export function rawSocketRequest(requestHead: Buffer): Promise<{ status: number; head: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(appPort(), "127.0.0.1");
    let received = "";
    socket.on("data", (chunk: Buffer) => (received += chunk.toString("latin1")));
    socket.on("end", () => {
      const statusLine = received.split("\r\n")[0] ?? "";
      resolve({ status: Number(statusLine.split(" ")[1] ?? 0), head: received.slice(0, received.indexOf("\r\n\r\n")) });
    });
    socket.on("error", reject);
    socket.end(requestHead);
  });
}

/** Opt In: signed in on news, then visiting sport (linked, anonymous) → `known` on sport. */
export async function knownOnSport(mode: "opt_in" = "opt_in") {
  const org = await createTestOrg({ mode });
  const news = org.site("news").host;
  const sport = org.site("sport").host;
  const reader = await org.createReader();
  const browser = await browserSignedInOn(news, reader);
  await visit(browser, sport);
  expect(await statusOf(browser, sport)).toBe("known");
  return { org, news, sport, reader, browser };
}

/** A new organisation with one site, news, and one reader of it (the set-up of many one-site tests). */
export async function newsWithReader(mode: "opt_in" | "auto_login" | "disabled" = "opt_in") {
  const org = await createTestOrg({ mode, sites: ["news"] });
  const news = org.site("news").host;
  const reader = await org.createReader();
  return { org, news, reader, signedIn: () => browserSignedInOn(news, reader) };
}
