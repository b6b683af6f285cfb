// Property-based fuzzing of every public endpoint (design §5, §7) with generated hostile input:
// query strings, cookies, headers, JSON and form bodies, methods. Thousands of cases per run, from
// a fixed seed that every run prints (FUZZ_SEED replays another; FUZZ_RUNS multiplies the counts).
// For every answer: no 5xx, no redirect off the registered hosts, errors in the specified shape
// (JSON {"error":{code,message}} on /api paths, a plain page with nothing to follow elsewhere),
// plus each endpoint's own invariant (the handshake sends only to the registered callback, the
// callback only to a relative path, use_sso and logout never succeed for an anonymous session…).
// The admin console's API (/api/orgs/<slug>/…) is fuzzed as an anonymous client, a viewer, the
// admin of another organisation (none of whom may change anything) and an admin (whose changes
// must be exactly the ones the documented rules allow, each audited).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { testEnv } from "@/test/test-env";
import { appPort, TestBrowser } from "../http/browser";
import { createTestOrg, type TestOrg } from "../http/factory";
import { siteUrl } from "../http/flows";
import { SESSION_COOKIE, sessionOf, STATE_COOKIE_PREFIX, stateCookieName, TOKEN_COOKIE } from "../http/sso-steps";
import { cookieHeader, headerValue, hostileHeaders, jsonBody, jsonContentType, nastyString, queryString, randomIp, secretShaped } from "./support/arbitraries";
import { recordFigures } from "./support/figures";
import { expectErrorShape, expectWellBehaved, locationOf, send, type Answer } from "./support/http";
import {
  ADMIN_HOST,
  adminRequest,
  changedFields,
  createAdminTarget,
  orgFingerprint,
  readSettings,
  settingsAfterPut,
  signedInStaffCookie,
  staffCookies,
  type AdminRequest,
  type AdminTarget,
} from "./support/admin-fuzz";
import { isValidRouterStateHeader } from "@/lib/http/router-state-header";

const SEED = testEnv.FUZZ_SEED ?? 20_261_122;
const runs = (base: number) => Math.max(1, Math.round(base * testEnv.FUZZ_RUNS));
const CSRF_COOKIE = "__Host-next-auth.csrf-token";
/** A name of the per-handshake state cookies' shape (`__Host-mss_sso_state_<16 base64url>`). */
const STATE_COOKIE = `${STATE_COOKIE_PREFIX}AAAAAAAAAAAAAAAA`;
const OUR_COOKIES = [SESSION_COOKIE, STATE_COOKIE, TOKEN_COOKIE, CSRF_COOKIE, "__Secure-next-auth.session-token", "mss_session", "next-auth.session-token"];

type Tally = { cases: number; statuses: Record<string, number>; maxMs: number };
const tallies = new Map<string, Tally>();

function tally(property: string, answer: Answer): void {
  const entry = tallies.get(property) ?? { cases: 0, statuses: {}, maxMs: 0 };
  entry.cases += 1;
  entry.statuses[answer.status] = (entry.statuses[answer.status] ?? 0) + 1;
  entry.maxMs = Math.max(entry.maxMs, answer.ms);
  tallies.set(property, entry);
}

let org: TestOrg;
let news: string;
let allowedHosts: string[];
let port: number;
/** A linked, anonymous session on news (status `unknown`): use_sso and logout must refuse it. */
let linked: TestBrowser;
let linkedCookie: string;
let csrfToken: string;
let csrfCookie: string;

beforeAll(async () => {
  port = appPort();
  org = await createTestOrg({ mode: "opt_in", sites: ["news", "sport"] });
  news = org.site("news").host;
  allowedHosts = [org.authHost, ...Object.values(org.sites).map((s) => s.host)];
  linked = new TestBrowser();
  const page = await linked.navigate(siteUrl(news, "/"));
  expect(page.status).toBe(200);
  expect(page.hops.length, "the first visit links the session through a handshake").toBe(4);
  linkedCookie = linked.cookieHeader(news);
  const csrf = await linked.json<{ csrfToken: string }>(siteUrl(news, "/api/auth/csrf"));
  csrfToken = csrf.json.csrfToken;
  csrfCookie = `${CSRF_COOKIE}=${linked.cookie(news, CSRF_COOKIE) ?? ""}`;
  console.log(`[fuzz] fast-check seed ${SEED} (FUZZ_SEED=${SEED} replays this run), case multiplier ${testEnv.FUZZ_RUNS}`);
});

afterAll(async () => {
  const total = [...tallies.values()].reduce((sum, t) => sum + t.cases, 0);
  for (const [property, t] of tallies) {
    console.log(`[fuzz] ${property}: ${t.cases} cases, statuses ${JSON.stringify(t.statuses)}, slowest ${Math.round(t.maxMs)} ms`);
  }
  console.log(`[fuzz] total ${total} generated requests, seed ${SEED}, zero 5xx, zero redirects off the registered hosts`);
  recordFigures("fuzz", { seed: SEED, totalCases: total, properties: Object.fromEntries(tallies) });
  // Cases that sent no usable client IP share the buckets of the test's own address (it plays the
  // trusted load balancer, lib/http/client-ip.ts); leave nothing for later tests.
  await db.$executeRaw`DELETE FROM rate_limit_buckets WHERE key LIKE '%:ip:unknown' OR key LIKE '%:ip:127.0.0.1'`;
});

/**
 * One request as a client sends it. A request with an `RSC` header (React's flight requests, which
 * Next hides from our proxy) first gets Next's cache-busting 307 to the same path plus `_rsc`;
 * that hop is checked and followed once, and the properties judge the endpoint's real answer.
 */
async function sendFollowingRsc(options: Parameters<typeof send>[0]): Promise<Answer> {
  const answer = await send(options);
  const location = locationOf(answer) ?? "";
  const isRscHop = options.headers?.rsc === "1" && answer.status === 307 && new URL(location, "http://same.invalid").searchParams.has("_rsc");
  if (!isRscHop) return answer;
  expect(location.startsWith("/") && !location.startsWith("//"), `RSC hop to ${location}`).toBe(true);
  return send({ ...options, path: location });
}

/** Whether the request carries a Next-Router-State-Tree the proxy must refuse (400) before anything else. */
function badRouterState(headers: Record<string, string>): boolean {
  const value = headers["next-router-state-tree"];
  return value !== undefined && !isValidRouterStateHeader(value);
}

const sameOriginHeaders = () => ({ origin: `http://${news}:${port}`, "sec-fetch-site": "same-origin" });

/** The real session cookie most of the time (so the deep code runs), generated garbage otherwise. */
const sessionCookies = () =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(linkedCookie) },
    { weight: 2, arbitrary: cookieHeader(OUR_COOKIES) },
    { weight: 1, arbitrary: cookieHeader(OUR_COOKIES).map((garbage) => `${garbage}; ${linkedCookie}`) },
  );

function params(numRuns: number) {
  return { seed: SEED, numRuns, endOnFailure: false } as const;
}

// The properties run side by side (each one's cases in sequence): the server, not the client, is the bottleneck.
describe.concurrent(`fuzzing the public endpoints (fast-check, seed ${SEED})`, { timeout: 240_000 }, () => {
  it("GET /sso/handshake: a 302 only to the site's registered callback with the given state (and an OTT, or a refusal's error), otherwise a plain 4xx page; never an answer to a request that is not a navigation", async () => {
    const validBase = fc.tuple(fc.constantFrom("news", "sport"), secretShaped).map(([site, state]) => `?site=${site}&state=${state}`);
    const query = fc.oneof(
      { weight: 2, arbitrary: queryString(["site", "state", "redirect_uri", "return", "callback", "ott"]) },
      { weight: 1, arbitrary: fc.tuple(validBase, queryString(["redirect_uri", "return", "site", "state"])).map(([base, extra]) => `${base}${extra.replace(/^\?/, "&")}`) },
      { weight: 1, arbitrary: validBase },
    );
    const cookie = fc.option(cookieHeader([TOKEN_COOKIE, "mss_sso", STATE_COOKIE]), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(query, cookie, hostileHeaders({ ownOrigin: `http://${org.authHost}:${port}` }), async (q, c, headers) => {
        const path = `/sso/handshake${q}`;
        const answer = await sendFollowingRsc({ port, host: org.authHost, path, headers: { "x-forwarded-for": randomIp(), ...headers, ...(c === undefined ? {} : { cookie: c }) } });
        tally("handshake", answer);
        expectWellBehaved(answer, { path, allowedHosts, label: `GET ${path}` });
        expect([302, 400, 403, 404, 429, 431, 414], `GET ${path} → ${answer.status}`).toContain(answer.status);
        const dest = headers["sec-fetch-dest"];
        const mode = headers["sec-fetch-mode"];
        const isNavigation = (dest === undefined && mode === undefined) || (dest === "document" && mode === "navigate");
        if (!isNavigation) expect(answer.status, `GET ${path} as ${dest}/${mode}`).not.toBe(302);
        if (answer.status === 302) {
          const target = new URL(locationOf(answer) as string);
          const site = target.hostname === org.site("news").host ? "news" : "sport";
          expect(`${target.origin}${target.pathname}`).toBe(`http://${org.site(site).host}:${port}/sso/callback`);
          // A refused handshake goes back to the same registered callback with `error` instead of an OTT (design §3).
          expect([["ott", "state"], ["error", "state"]]).toContainEqual([...target.searchParams.keys()].sort());
          expect(target.searchParams.get("state")).toBe(new URLSearchParams(q).get("state"));
          expect(new URLSearchParams(q).get("site")).toBe(site);
        }
      }),
      params(runs(400)),
    );
  });

  it("GET /sso/callback with forged state cookies and queries: a redirect only to a relative path on the site, or a plain 4xx page", async () => {
    // The state cookie carries the return path: forge it with hostile paths and a matching state,
    // so the callback gets as far as redirecting to that path.
    const returnPath = fc.oneof(nastyString, fc.webPath(), fc.string({ unit: "binary", maxLength: 60 }), fc.webUrl().map((u) => u.replace(/^https?:/, "")));
    const forged = fc.tuple(secretShaped, returnPath).map(([state, path]) => ({ state, cookie: `${stateCookieName(state)}=${state}.${Buffer.from(path, "utf8").toString("base64url")}` }));
    const query = queryString(["ott", "state", "return", "next", "redirect_uri"]);
    await fc.assert(
      fc.asyncProperty(forged, query, secretShaped, sessionCookies(), fc.boolean(), hostileHeaders({ ownOrigin: `http://${news}:${port}` }), async (f, extra, ott, cookies, matchState, headers) => {
        const state = matchState ? f.state : extra.length % 2 === 0 ? "" : f.state.slice(1);
        const path = `/sso/callback?ott=${ott}&state=${encodeURIComponent(state)}${extra.replace(/^\?/, "&")}`;
        const answer = await sendFollowingRsc({ port, host: news, path, headers: { "x-forwarded-for": randomIp(), ...headers, cookie: `${cookies}; ${f.cookie}` } });
        tally("callback", answer);
        // Only relative paths on this site: the auth domain and other sites are not allowed targets here.
        expectWellBehaved(answer, { path, allowedHosts: [], label: `GET ${path}` });
        expect(answer.status === 302 || (answer.status >= 400 && answer.status < 500), `GET ${path} → ${answer.status}`).toBe(true);
      }),
      params(runs(400)),
    );
  });

  it("GET /api/sso/status (any method, query, cookies, headers): a status body or the error shape", async () => {
    const method = fc.oneof({ weight: 6, arbitrary: fc.constant("GET") }, { weight: 1, arbitrary: fc.constantFrom("HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS") });
    await fc.assert(
      fc.asyncProperty(method, queryString(["status", "user", "meta"]), sessionCookies(), hostileHeaders({ ownOrigin: `http://${news}:${port}` }), async (m, q, cookies, headers) => {
        const path = `/api/sso/status${q}`;
        const answer = await sendFollowingRsc({ port, host: news, path, method: m, headers: { "x-forwarded-for": randomIp(), ...headers, cookie: cookies } });
        tally("status", answer);
        if (m === "HEAD") {
          expect(answer.status, `HEAD ${path}`).toBeLessThan(500);
          return;
        }
        expectWellBehaved(answer, { path, allowedHosts, label: `${m} ${path}` });
        if (badRouterState(headers)) {
          expect(answer.status, `${m} ${path} with Next-Router-State-Tree ${headers["next-router-state-tree"]?.slice(0, 80)}`).toBe(400);
        } else if (m === "GET") {
          expect(answer.status, `${m} ${path}: ${answer.body.slice(0, 200)}`).toBe(200);
          const body = JSON.parse(answer.body) as { status: string; user: unknown };
          expect(["unknown", "known", "authenticated"]).toContain(body.status);
          // This browser's session is anonymous: whatever the input, no reader comes out.
          expect(body.user).toBeNull();
        } else if (m !== "OPTIONS") {
          expect(answer.status, `${m} ${path}`).toBe(405);
        }
      }),
      params(runs(400)),
    );
  });

  it("PUT /api/sso/status/meta: 200 echoing exactly the JSON object sent, or a 4xx with the error shape", async () => {
    await fc.assert(
      fc.asyncProperty(jsonBody(["theme", "lang", "reader", "system", "promptDismissed", "__proto__"]), jsonContentType, sessionCookies(), hostileHeaders({ ownOrigin: `http://${news}:${port}` }), async (body, type, cookies, headers) => {
        const answer = await sendFollowingRsc({
          port,
          host: news,
          path: "/api/sso/status/meta",
          method: "PUT",
          headers: { "x-forwarded-for": randomIp(), ...sameOriginHeaders(), ...headers, "content-type": type, cookie: cookies },
          body,
        });
        tally("meta", answer);
        expectWellBehaved(answer, { path: "/api/sso/status/meta", allowedHosts, label: `PUT meta ${body.slice(0, 80)}` });
        expect([200, 400, 403, 409, 413, 415], `PUT meta → ${answer.status}: ${answer.body.slice(0, 200)}`).toContain(answer.status);
        if (answer.status === 200) {
          // Only a JSON object is accepted, and exactly it is stored: nothing added, nothing smuggled.
          const sent = JSON.parse(body.replace(/^\ufeff/, "")) as unknown;
          expect(sent !== null && typeof sent === "object" && !Array.isArray(sent)).toBe(true);
          expect((JSON.parse(answer.body) as { meta: { reader: unknown } }).meta.reader).toEqual(sent);
        }
      }),
      params(runs(350)),
    );
  });

  it("POST /api/sso/login: never signs an anonymous, unknown session in, whatever the body or headers; 4xx with the error shape", async () => {
    const body = fc.oneof({ weight: 1, arbitrary: fc.constant('{"use_sso":true}') }, { weight: 5, arbitrary: jsonBody(["use_sso", "email", "readerId", "userId", "user"]) });
    await fc.assert(
      fc.asyncProperty(body, jsonContentType, sessionCookies(), hostileHeaders({ ownOrigin: `http://${news}:${port}` }), async (b, type, cookies, headers) => {
        const answer = await sendFollowingRsc({
          port,
          host: news,
          path: "/api/sso/login",
          method: "POST",
          headers: { "x-forwarded-for": randomIp(), ...sameOriginHeaders(), ...headers, "content-type": type, cookie: cookies },
          body: b,
        });
        tally("use_sso login", answer);
        expectWellBehaved(answer, { path: "/api/sso/login", allowedHosts, label: `POST login ${b.slice(0, 80)}` });
        expect(answer.status, `POST login ${b.slice(0, 80)} → ${answer.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        expect(answer.headers["set-cookie"] ?? [], "a refused sign-in sets no session cookie").not.toEqual(expect.arrayContaining([expect.stringMatching(/mss_session=[A-Za-z0-9_-]{43};/)]));
      }),
      params(runs(250)),
    );
  });

  it("POST /api/logout: an anonymous session gets a 4xx with the error shape for any body; nothing is revoked", async () => {
    const body = fc.oneof(
      { weight: 1, arbitrary: fc.constantFrom("", "{}", '{"where":"EVERYWHERE"}', '{"where":"THIS_DEVICE"}', '{"where":"JUST_HERE"}', '{"where":"OTHER_DEVICES"}') },
      { weight: 4, arbitrary: jsonBody(["where"]) },
      { weight: 1, arbitrary: fc.tuple(fc.constant("where"), headerValue).map(([k, v]) => JSON.stringify({ [k]: v })) },
    );
    await fc.assert(
      fc.asyncProperty(body, jsonContentType, sessionCookies(), hostileHeaders({ ownOrigin: `http://${news}:${port}` }), async (b, type, cookies, headers) => {
        const answer = await sendFollowingRsc({
          port,
          host: news,
          path: "/api/logout",
          method: "POST",
          headers: { "x-forwarded-for": randomIp(), ...sameOriginHeaders(), ...headers, "content-type": type, cookie: cookies },
          body: b,
        });
        tally("logout", answer);
        expectWellBehaved(answer, { path: "/api/logout", allowedHosts, label: `POST logout ${b.slice(0, 80)}` });
        expect(answer.status, `POST logout ${b.slice(0, 80)} → ${answer.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      }),
      params(runs(250)),
    );
    // The linked session survived every one of them.
    const session = await sessionOf(linked, news);
    expect(session?.revokedAt).toBeNull();
    expect(session?.ssoTokenId).not.toBeNull();
  });

  it("next-auth routes (/api/auth/*, any action, method, form, query, cookies): no 5xx; errors in the error shape; every URL it hands out stays on the site", async () => {
    const action = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom("csrf", "session", "providers", "signin", "signin/credentials", "signout", "callback/credentials", "callback/register", "error", "verify-request", "_log") },
      { weight: 1, arbitrary: fc.array(fc.string({ unit: fc.constantFrom(..."abcxyz-_.~%20"), minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 3 }).map((parts) => parts.join("/")) },
    );
    const formValue = fc.oneof(fc.constantFrom("https://evil.example/", "//evil.example", "/account", "javascript:alert(1)"), secretShaped, headerValue, fc.emailAddress());
    const form = fc
      .tuple(
        fc.dictionary(fc.constantFrom("email", "password", "callbackUrl", "json", "redirect", "name", "csrfToken", "error"), formValue, { maxKeys: 6 }),
        fc.boolean(),
      )
      .map(([fields, withCsrf]) => new URLSearchParams({ ...fields, ...(withCsrf ? { csrfToken } : {}) }).toString());
    const formType = fc.oneof({ weight: 8, arbitrary: fc.constant("application/x-www-form-urlencoded") }, { weight: 1, arbitrary: jsonContentType });
    const cookies = fc.oneof(
      { weight: 2, arbitrary: fc.constant(`${linkedCookie}; ${csrfCookie}`) },
      { weight: 1, arbitrary: cookieHeader(OUR_COOKIES) },
    );
    const method = fc.oneof({ weight: 4, arbitrary: fc.constantFrom("GET", "POST") }, { weight: 1, arbitrary: fc.constantFrom("PUT", "DELETE", "PATCH") });
    await fc.assert(
      fc.asyncProperty(action, method, queryString(["callbackUrl", "error", "csrf", "json"]), form, formType, cookies, hostileHeaders({ ownOrigin: `http://${news}:${port}` }), async (a, m, q, f, type, c, headers) => {
        const path = `/api/auth/${a}${q}`;
        const hasBody = m !== "GET";
        const answer = await sendFollowingRsc({
          port,
          host: news,
          path,
          method: m,
          headers: { "x-forwarded-for": randomIp(), ...headers, cookie: c, ...(hasBody ? { "content-type": type } : {}) },
          ...(hasBody ? { body: f } : {}),
        });
        tally("next-auth", answer);
        // next-auth answers json=true forms with {url}: where the browser goes next — a 401 for a
        // failed sign-in, as next-auth defines it (design §5). Every other 4xx has our error shape.
        const nextAuthRedirect = answer.status >= 400 && answer.status < 500 && /"url":/.test(answer.body);
        if (!nextAuthRedirect) expectWellBehaved(answer, { path, allowedHosts, label: `${m} ${path}` });
        else expect(answer.status, `${m} ${path}: ${answer.body.slice(0, 200)}`).toBe(401);
        if (/^application\/json/.test(String(answer.headers["content-type"])) && answer.status < 500) {
          const body = JSON.parse(answer.body) as Record<string, unknown>;
          for (const key of ["url", "signinUrl", "callbackUrl"] as const) {
            const value = body[key];
            if (typeof value === "string") expect(new URL(value, `http://${news}:${port}/`).hostname, `${m} ${path}: ${key}=${value}`).toBe(news);
          }
        }
      }),
      params(runs(450)),
    );
  });

  it("site and auth-domain pages (any path, method, query, cookies, headers): no 5xx; a redirect only to the auth domain's handshake or a relative path", async () => {
    const pagePath = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom("/", "/signin", "/register", "/account", "/articles/welcome", "/sso/callback", "/sso/handshake") },
      { weight: 2, arbitrary: fc.webPath().filter((p) => !p.startsWith("/api") && p.length > 0) },
      { weight: 1, arbitrary: nastyString.filter((s) => /^[\x21-\x7e]+$/.test(s) && !s.startsWith("/api")).map((s) => (s.startsWith("/") ? s : `/${s}`)) },
    );
    const method = fc.oneof({ weight: 6, arbitrary: fc.constant("GET") }, { weight: 1, arbitrary: fc.constantFrom("HEAD", "POST", "PUT", "DELETE") });
    const extraHeaders = fc.record({ "next-action": fc.option(headerValue, { nil: undefined, freq: 4 }) }, { requiredKeys: [] });
    const host = fc.oneof({ weight: 3, arbitrary: fc.constant("site") }, { weight: 1, arbitrary: fc.constant("auth") });
    const navigation = { accept: "text/html,application/xhtml+xml", "sec-fetch-dest": "document", "sec-fetch-mode": "navigate", "sec-fetch-site": "none" };
    await fc.assert(
      fc.asyncProperty(host, pagePath, method, queryString(["return", "next", "callbackUrl", "error", "_rsc"]), sessionCookies(), hostileHeaders({ ownOrigin: `http://${news}:${port}` }), extraHeaders, async (h, p, m, q, cookies, headers, extra) => {
        const target = h === "site" ? news : org.authHost;
        const path = `${p}${q}`;
        const next = Object.fromEntries(Object.entries(extra).filter((e): e is [string, string] => e[1] !== undefined));
        const answer = await sendFollowingRsc({
          port,
          host: target,
          path,
          method: m,
          headers: { "x-forwarded-for": randomIp(), ...navigation, ...headers, ...next, cookie: cookies },
          ...(m === "POST" || m === "PUT" ? { body: "garbage" } : {}),
        });
        tally("pages", answer);
        if (m === "HEAD") {
          expect(answer.status, `HEAD ${target}${path}`).toBeLessThan(500);
          return;
        }
        expectWellBehaved(answer, { path, allowedHosts, label: `${m} ${target}${path}`, rsc: headers.rsc === "1" });
        // Refused by the proxy, not answered with a 500 by Next's renderer. (Next's own 308 for a
        // path to normalise, "//" or a trailing slash, comes before the proxy and renders nothing.)
        if (badRouterState(headers) && answer.status !== 400 && answer.status !== 308) expect.fail(`${m} ${target}${path} with Next-Router-State-Tree ${headers["next-router-state-tree"]?.slice(0, 80)} → ${answer.status}`);
        const location = locationOf(answer);
        if (location && /^https?:/i.test(location)) {
          const url = new URL(location);
          expect(url.hostname, `${m} ${target}${path} → ${location}`).toBe(org.authHost);
          expect(url.pathname).toBe("/sso/handshake");
        }
      }),
      params(runs(450)),
    );
  });
});

// The two next-auth sign-in forms (a site's and the admin console's) and a site's registration,
// with a valid CSRF token so the deep code runs (the lockout keys, the password check, the
// account insert): long, odd and Unicode emails and names. No 5xx, errors in the error shape.
describe(`fuzzing the sign-in and registration forms (fast-check, seed ${SEED})`, { timeout: 300_000 }, () => {
  const longLocal = fc.integer({ min: 60, max: 400 }).map((n) => `${"a".repeat(n)}@example.com`);
  const unicodeEmail = fc
    .tuple(fc.fullUnicodeString({ minLength: 1, maxLength: 40 }), fc.constantFrom("example.com", "exämple.com", "例え.jp", "xn--exmple-cua.com", "localhost", "[127.0.0.1]"))
    .map(([local, domain]) => `${local}@${domain}`);
  const oddEmail = fc.constantFrom(
    `${"x".repeat(243)}@example.com`, // 255: one past the limit
    `${"x".repeat(242)}@example.com`, // 254: at the limit
    "\"quoted local\"@example.com",
    "a+tag@example.com",
    " Mixed.Case@Example.COM ",
    "a@b",
    "@example.com",
    "a@@example.com",
    "a\u0000b@example.com",
    "\u202eevil@example.com",
    "a@example.com\r\nBcc: b@example.com",
    `${"é".repeat(100)}@example.com`,
    `${"😀".repeat(80)}@example.com`,
  );
  const email = fc.oneof(fc.emailAddress(), longLocal, unicodeEmail, oddEmail, nastyString);
  const name = fc.oneof(fc.fullUnicodeString({ maxLength: 120 }), nastyString, fc.integer({ min: 79, max: 400 }).map((n) => "N".repeat(n)), fc.constant("\u0000\u0001"));
  const password = fc.oneof(fc.constant("correct-horse-battery-staple-9"), fc.fullUnicodeString({ maxLength: 64 }), nastyString, fc.constant("p".repeat(1025)));
  const formType = "application/x-www-form-urlencoded";

  async function adminCsrf(): Promise<{ token: string; cookie: string }> {
    const browser = new TestBrowser();
    const csrf = await browser.json<{ csrfToken: string }>(`http://${ADMIN_HOST}:${port}/api/auth/csrf`);
    return { token: csrf.json.csrfToken, cookie: browser.cookieHeader(ADMIN_HOST) };
  }

  /** No 5xx; next-auth's own {url} answer (a 401 for a failed sign-in, as next-auth defines it) stays on the host; every other 4xx has our error shape. */
  function expectFormAnswer(label: string, answer: Answer, host: string): void {
    expect([200, 400, 401, 403, 409, 413, 415, 429], `${label} → ${answer.status}: ${answer.body.slice(0, 200)}`).toContain(answer.status);
    const body = /^application\/json/.test(String(answer.headers["content-type"])) ? (JSON.parse(answer.body) as Record<string, unknown>) : null;
    if (typeof body?.url === "string") {
      expect(new URL(body.url, `http://${host}:${port}/`).hostname, `${label}: url=${body.url}`).toBe(host);
      if (answer.status >= 400) expect(answer.status, label).toBe(401);
      return;
    }
    expectWellBehaved(answer, { path: "/api/auth/callback", allowedHosts: [...allowedHosts, ADMIN_HOST], label });
    if (answer.status >= 400) expectErrorShape(answer, `${label} on ${host}`);
  }

  it("a site's sign-in form (callback/credentials): no 5xx for any email or password", async () => {
    await fc.assert(
      fc.asyncProperty(email, password, async (e, p) => {
        const body = new URLSearchParams({ csrfToken, email: e, password: p, json: "true" }).toString();
        const answer = await send({ port, host: news, path: "/api/auth/callback/credentials", method: "POST", headers: { "x-forwarded-for": randomIp(), ...sameOriginHeaders(), "content-type": formType, cookie: `${linkedCookie}; ${csrfCookie}` }, body });
        tally("sign-in form (site)", answer);
        expectFormAnswer(`site sign-in ${JSON.stringify(e).slice(0, 80)}`, answer, news);
      }),
      params(runs(150)),
    );
  });

  it("the admin console's sign-in form: no 5xx for any email or password (an email of any length keys its lockout by digest)", async () => {
    const csrf = await adminCsrf();
    await fc.assert(
      fc.asyncProperty(email, password, async (e, p) => {
        const body = new URLSearchParams({ csrfToken: csrf.token, email: e, password: p, json: "true" }).toString();
        const answer = await send({ port, host: ADMIN_HOST, path: "/api/auth/callback/credentials", method: "POST", headers: { "x-forwarded-for": randomIp(), origin: `http://${ADMIN_HOST}:${port}`, "sec-fetch-site": "same-origin", "content-type": formType, cookie: csrf.cookie }, body });
        tally("sign-in form (admin)", answer);
        expectFormAnswer(`admin sign-in ${JSON.stringify(e).slice(0, 80)}`, answer, ADMIN_HOST);
      }),
      params(runs(150)),
    );
  });

  it("a site's registration form (callback/register): no 5xx for any email, name or password", async () => {
    await fc.assert(
      fc.asyncProperty(email, name, password, async (e, n, p) => {
        const body = new URLSearchParams({ csrfToken, email: e, name: n, password: p, json: "true" }).toString();
        // Not the linked session's cookie: an accepted registration signs its session in (rotating
        // it), and the other properties need that session as it is.
        const answer = await send({ port, host: news, path: "/api/auth/callback/register", method: "POST", headers: { "x-forwarded-for": randomIp(), ...sameOriginHeaders(), "content-type": formType, cookie: csrfCookie }, body });
        tally("registration form (site)", answer);
        expectFormAnswer(`registration ${JSON.stringify(e).slice(0, 80)} / ${JSON.stringify(n).slice(0, 40)}`, answer, news);
      }),
      params(runs(150)),
    );
  });
});

describe("fuzzing found these; kept as plain examples", () => {
  it("next-auth never builds its URLs from a client's X-Forwarded-Host (providers, sign-in redirects, sign-out with a callbackUrl)", async () => {
    const evil = { "x-forwarded-host": "evil.example", "x-forwarded-for": randomIp() };
    const providers = await send({ port, host: news, path: "/api/auth/providers", headers: evil });
    expect(providers.status).toBe(200);
    expect(providers.body).not.toContain("evil.example");
    const signout = await send({
      port,
      host: news,
      path: "/api/auth/signout",
      method: "POST",
      headers: { ...evil, "content-type": "application/x-www-form-urlencoded", cookie: `${linkedCookie}; ${csrfCookie}` },
      body: new URLSearchParams({ csrfToken, callbackUrl: "http://evil.example/" }).toString(),
    });
    expectWellBehaved(signout, { path: "/api/auth/signout", allowedHosts, label: "sign-out with X-Forwarded-Host" });
    expect(locationOf(signout) ?? "").not.toContain("evil.example");
  });

  it("next-auth's own 4xx answers (an unsupported action) come in the error shape", async () => {
    const answer = await sendFollowingRsc({ port, host: news, path: "/api/auth/no-such-action", headers: { "x-forwarded-for": randomIp() } });
    expect(answer.status).toBe(400);
    expectErrorShape(answer, "GET /api/auth/no-such-action");
  });
});

describe.concurrent(`fuzzing the admin API (/api/orgs/<slug>/…, fast-check, seed ${SEED})`, { timeout: 240_000 }, () => {
  /** The organisation the admin manages: changes are allowed there, and checked against the rules. */
  let managed: AdminTarget;
  /** An organisation nobody in these properties may change: its fingerprint must never move. */
  let guarded: AdminTarget;
  let guardedFingerprint: string;
  let adminCookie: string;
  let viewerCookie: string;
  let adminOrigin: string;
  let startedAt: number;

  beforeAll(async () => {
    startedAt = performance.now();
    [managed, guarded] = await Promise.all([createAdminTarget(), createAdminTarget()]);
    adminCookie = await signedInStaffCookie([{ orgId: managed.org.id, role: "admin" }]);
    viewerCookie = await signedInStaffCookie([{ orgId: guarded.org.id, role: "viewer" }]);
    adminOrigin = `http://${ADMIN_HOST}:${port}`;
    guardedFingerprint = await orgFingerprint(guarded.org.id);
  });

  afterAll(() => {
    const admin = [...tallies.entries()].filter(([name]) => name.startsWith("admin"));
    const cases = admin.reduce((sum, [, t]) => sum + t.cases, 0);
    const seconds = (performance.now() - startedAt) / 1000;
    console.log(`[fuzz] admin API: ${cases} generated requests in ${seconds.toFixed(1)} s (properties side by side), seed ${SEED}`);
    recordFigures("fuzz-admin", { seed: SEED, cases, seconds: Number(seconds.toFixed(1)), properties: Object.fromEntries(admin) });
  });

  /**
   * Requests on `target`, its ids named as "own"; `foreign` supplies the ids of other
   * organisations. Other slugs are the public endpoints' organisation's, where no staff member of
   * these properties has a role (so an unprivileged client never reaches the admin's own organisation).
   */
  const requestsOn = (target: () => AdminTarget, foreign: () => AdminTarget[], endpoints?: AdminRequest["endpoint"][]) =>
    fc.constant(null).chain(() => {
      const t = target();
      const others = foreign();
      return adminRequest({
        slug: t.org.slug,
        foreignSlugs: [org.slug],
        own: { sites: Object.keys(t.org.sites), sessions: t.sessionIds, tokens: t.tokenIds, readers: t.readerIds },
        foreign: { sites: [], sessions: others.flatMap((o) => o.sessionIds), tokens: others.flatMap((o) => o.tokenIds), readers: others.flatMap((o) => o.readerIds) },
        query: queryString(["mode", "orgSlug", "role", "force", "_rsc"]),
        ...(endpoints ? { endpoints } : {}),
      });
    });
  /** Same-origin and clean most of the time (so requests get past CSRF to the rules), hostile otherwise. */
  const adminHeaders = () => fc.oneof({ weight: 3, arbitrary: fc.constant({} as Record<string, string>) }, { weight: 1, arbitrary: hostileHeaders({ ownOrigin: adminOrigin }) });
  const bodyType = fc.oneof({ weight: 4, arbitrary: fc.constant("application/json") }, { weight: 1, arbitrary: jsonContentType });

  async function sendAdmin(r: AdminRequest, type: string, cookie: string, headers: Record<string, string>): Promise<Answer> {
    return sendFollowingRsc({
      port,
      host: ADMIN_HOST,
      path: r.path,
      method: r.method,
      headers: { "x-forwarded-for": randomIp(), origin: adminOrigin, "sec-fetch-site": "same-origin", ...headers, cookie, ...(r.body === undefined ? {} : { "content-type": type }) },
      ...(r.body === undefined ? {} : { body: r.body }),
    });
  }

  /** No 5xx, errors in the error shape, redirects only on the admin host (HEAD: no body to judge). */
  function judge(property: string, r: AdminRequest, answer: Answer): boolean {
    tally(property, answer);
    if (r.method === "HEAD") {
      expect(answer.status, `HEAD ${r.path}`).toBeLessThan(500);
      return false;
    }
    expectWellBehaved(answer, { path: r.path, allowedHosts: [ADMIN_HOST], label: `${r.method} ${r.path} ${r.body?.slice(0, 80) ?? ""}` });
    return true;
  }

  /**
   * Refused: a 4xx in the error shape, or Next's own 308 to the normalised path (a slug segment
   * that is empty or ends the path, e.g. "/api/orgs/?x"), which Next answers before any route runs.
   */
  function expectRefused(r: AdminRequest, answer: Answer): void {
    const label = `${r.method} ${r.path} → ${answer.status} ${answer.body.slice(0, 200)}`;
    if (answer.status === 308) return;
    expect(answer.status, label).toBeGreaterThanOrEqual(400);
  }

  const changesNothing = (property: string, numRuns: number, who: () => string | null, rule: (r: AdminRequest, answer: Answer, clean: boolean) => void) =>
    async () => {
      const own = who();
      await fc.assert(
        fc.asyncProperty(requestsOn(() => guarded, () => [managed]), bodyType, staffCookies(own), adminHeaders(), async (r, type, cookie, headers) => {
          const answer = await sendAdmin(r, type, cookie, headers);
          if (judge(property, r, answer)) {
            // OPTIONS is Next's own answer (204 and Allow), not an action.
            if (r.method !== "OPTIONS") rule(r, answer, cookie === own && Object.keys(headers).length === 0 && !badRouterState(headers));
          }
          expect(await orgFingerprint(guarded.org.id), `${r.method} ${r.path} changed the organisation`).toBe(guardedFingerprint);
        }),
        params(runs(numRuns)),
      );
    };

  it(
    "anonymous clients (no or forged staff cookies): every endpoint, method, slug, id, body and header is refused (4xx in the error shape); the organisation is unchanged",
    changesNothing("admin: anonymous", 200, () => null, expectRefused),
  );

  it(
    "a viewer reads the settings and sites but every change is refused (4xx in the error shape); the organisation is unchanged",
    changesNothing("admin: viewer", 250, () => viewerCookie, (r, answer, clean) => {
      const label = `${r.method} ${r.path} → ${answer.status} ${answer.body.slice(0, 200)}`;
      if (r.method !== "GET") expectRefused(r, answer);
      else if (answer.status < 300) expect(["sso", "sites"], label).toContain(r.endpoint);
      // Not vacuous: a plain read of this organisation's settings or sites works for a viewer.
      if (clean && r.method === "GET" && r.slugKind === "own" && (r.endpoint === "sso" || r.endpoint === "sites")) expect(answer.status, label).toBe(200);
    }),
  );

  it(
    "the admin of another organisation is refused everything here (404 as if it did not exist, for a well-formed request); the organisation is unchanged",
    changesNothing("admin: other org's admin", 150, () => adminCookie, (r, answer, clean) => {
      const label = `${r.method} ${r.path} → ${answer.status} ${answer.body.slice(0, 200)}`;
      expectRefused(r, answer);
      if (clean && r.slugKind === "own" && r.endpoint !== "unknown" && (r.endpoint === "sso" ? ["GET", "PUT"] : r.endpoint === "sites" ? ["GET"] : []).includes(r.method) && r.body === undefined) {
        expect(answer.status, label).toBe(404);
      }
    }),
  );

  it("an admin's PUT /api/orgs/<slug>/sso: 200 with exactly the settings the rules give, which re-read identically and are audited once per changed field; otherwise a 4xx that changes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(requestsOn(() => managed, () => [guarded], ["sso"]), bodyType, staffCookies(adminCookie), adminHeaders(), async (r, type, cookie, headers) => {
        const before = await readSettings(managed.org.id);
        const answer = await sendAdmin(r, type, cookie, headers);
        const judged = judge("admin: PUT sso", r, answer);
        const after = await readSettings(managed.org.id);
        const label = `${r.method} ${r.path} ${r.body?.slice(0, 120) ?? ""} (${type}) → ${answer.status} ${answer.body.slice(0, 200)}`;
        const expected = r.method === "PUT" && r.body !== undefined ? settingsAfterPut(before.settings, r.body) : null;
        if (judged && r.method === "PUT" && answer.status === 200) {
          expect(expected, `200 for a change the rules refuse: ${label}`).not.toBeNull();
          expect(JSON.parse(answer.body), label).toEqual(expected);
          const reread = await send({ port, host: ADMIN_HOST, path: `/api/orgs/${managed.org.slug}/sso`, headers: { "x-forwarded-for": randomIp(), cookie: adminCookie } });
          expect(reread.status, reread.body).toBe(200);
          expect(JSON.parse(reread.body), `re-read after ${label}`).toEqual(expected);
          expect(after.settings).toEqual(expected);
          expect(after.auditRows - before.auditRows, `audit rows for ${label}`).toBe(changedFields(before.settings, expected as NonNullable<typeof expected>));
        } else {
          expect(after, `nothing changes unless a PUT answers 200: ${label}`).toEqual(before);
          // Not vacuous: a well-formed, acceptable change from the admin's own clean session is not refused.
          const clean = cookie === adminCookie && Object.keys(headers).length === 0 && type === "application/json" && r.slugKind === "own";
          if (clean && r.method === "PUT" && expected !== null) expect.fail(`an acceptable change was refused: ${label}`);
        }
      }),
      params(runs(350)),
    );
  });

  it("an admin on every other endpoint (sites, site switches, revocations, reader logout, unknown paths; ids and slugs of other organisations): no 5xx, errors in the error shape, nothing of another organisation is touched", async () => {
    const publicSession = await sessionOf(linked, news);
    await fc.assert(
      fc.asyncProperty(requestsOn(() => managed, () => [guarded], ["sites", "site", "site-session", "sso-token", "reader-logout", "unknown"]), bodyType, staffCookies(adminCookie), adminHeaders(), async (r, type, cookie, headers) => {
        const answer = await sendAdmin(r, type, cookie, headers);
        if (!judge("admin: other endpoints", r, answer)) return;
        const label = `${r.method} ${r.path} ${r.body?.slice(0, 120) ?? ""} → ${answer.status} ${answer.body.slice(0, 200)}`;
        if ((r.idKind === "foreign" || r.slugKind === "foreign") && r.method !== "OPTIONS") expectRefused(r, answer);
        if (r.endpoint === "site" && r.method === "PATCH" && answer.status === 200) {
          // The switches sent are the switches in force, and the list re-reads them.
          const sent = JSON.parse(r.body ?? "{}") as { ssoEnabled?: boolean; ssoModeOverride?: string | null };
          const site = JSON.parse(answer.body) as { slug: string; ssoEnabled: boolean; ssoModeOverride: string | null };
          if (sent.ssoEnabled !== undefined) expect(site.ssoEnabled, label).toBe(sent.ssoEnabled);
          if (sent.ssoModeOverride !== undefined) expect(site.ssoModeOverride, label).toBe(sent.ssoModeOverride);
          const list = await send({ port, host: ADMIN_HOST, path: `/api/orgs/${managed.org.slug}/sites`, headers: { "x-forwarded-for": randomIp(), cookie: adminCookie } });
          expect((JSON.parse(list.body) as { sites: { slug: string }[] }).sites.find((s) => s.slug === site.slug), label).toEqual(site);
        }
      }),
      params(runs(300)),
    );
    // Ids of other organisations changed nothing there: the guarded one, and the public endpoints' linked session.
    expect(await orgFingerprint(guarded.org.id)).toBe(guardedFingerprint);
    const still = await sessionOf(linked, news);
    expect(still?.id).toBe(publicSession?.id);
    expect(still?.revokedAt).toBeNull();
  });
});
