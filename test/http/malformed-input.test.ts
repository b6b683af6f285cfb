// Malformed input on every endpoint (design §5: "Bodies are validated; unknown fields and
// oversize bodies are refused with 400/413, never a 500"; "All JSON errors have the shape
// {error:{code,message}}"; §3: handshake/callback errors are plain 4xx pages, no redirect).
// Every case asserts a 4xx (with the error shape on /api paths) and, where a session is
// involved, that the malformed request changed nothing. Requests refused by Node's own HTTP
// parser (400/431) count as 4xx too.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { TestBrowser } from "./browser";
import { createTestOrg } from "./factory";
import { siteUrl, ssoStatus } from "./flows";
import { browserSignedInOn, expectErrorShape, rawRequest, rawSocketRequest, type RawResponse, SESSION_COOKIE, statusOf, visit } from "./scenarios";

const MB = 1024 * 1024;
const validShapedSecret = () => randomBytes(32).toString("base64url");

function expect4xx(response: { status: number; body: string }, label: string): void {
  expect(response.status, `${label} → ${response.status} ${response.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
  expect(response.status, `${label} → ${response.status} ${response.body.slice(0, 200)}`).toBeLessThan(500);
}

function expectApiError(response: RawResponse, label: string, status?: number): void {
  expect4xx(response, label);
  if (status !== undefined) expect(response.status, `${label}: ${response.body.slice(0, 200)}`).toBe(status);
  expectErrorShape(response);
}

/** A plain 4xx page: no redirect anywhere, nothing for a browser to follow. */
function expectPlainErrorPage(response: RawResponse, label: string): void {
  expect4xx(response, label);
  expect(response.headers.location, label).toBeUndefined();
}

// ---------------------------------------------------------------------------------------------
// JSON bodies: POST /api/logout, POST /api/sso/login, PUT /api/sso/status/meta
// ---------------------------------------------------------------------------------------------

type BodyCase = { label: string; body: string | Buffer; contentType?: string | null; chunked?: boolean; status?: number; code?: string };

const commonBodyCases: BodyCase[] = [
  { label: "broken JSON `{`", body: "{", status: 400, code: "invalid_json" },
  { label: "truncated JSON", body: '{"where": "JUST', status: 400, code: "invalid_json" },
  { label: "not JSON at all", body: "hello world", status: 400, code: "invalid_json" },
  { label: "single-quoted JSON", body: "{'a': 1}", status: 400, code: "invalid_json" },
  { label: "trailing comma", body: '{"a": 1,}', status: 400, code: "invalid_json" },
  { label: "raw NUL byte in the JSON text", body: Buffer.from('{"a":\u0000}', "latin1"), status: 400, code: "invalid_json" },
  { label: "invalid UTF-8", body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), status: 400, code: "invalid_json" },
  { label: "byte-order mark before an array", body: "\uFEFF[]", status: 400 },
  { label: "a JSON array", body: "[]", status: 400 },
  { label: "a JSON string", body: '"x"', status: 400 },
  { label: "a JSON number", body: "1", status: 400 },
  { label: "JSON null", body: "null", status: 400 },
  { label: "JSON true", body: "true", status: 400 },
  { label: "text/plain", body: "{}", contentType: "text/plain", status: 415, code: "unsupported_media_type" },
  { label: "no Content-Type", body: "{}", contentType: null, status: 415, code: "unsupported_media_type" },
  { label: "form-encoded (a cross-site form post)", body: "where=EVERYWHERE&use_sso=true", contentType: "application/x-www-form-urlencoded", status: 415 },
  { label: "multipart/form-data", body: "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--\r\n", contentType: "multipart/form-data; boundary=x", status: 415 },
  { label: "application/jsonx", body: "{}", contentType: "application/jsonx", status: 415 },
  { label: "1 MB body (Content-Length)", body: Buffer.alloc(MB, 0x61), status: 413, code: "payload_too_large" },
  { label: "1 MB body (chunked, no Content-Length)", body: Buffer.alloc(MB, 0x61), chunked: true, status: 413, code: "payload_too_large" },
  { label: "1 MB of whitespace around {}", body: `{}${" ".repeat(MB)}`, status: 413, code: "payload_too_large" },
];

const json = (value: unknown) => JSON.stringify(value);

const logoutCases: BodyCase[] = [
  { label: '{"where": "NOWHERE"}', body: json({ where: "NOWHERE" }), status: 400 },
  { label: '{"where": 1}', body: json({ where: 1 }), status: 400 },
  { label: '{"where": null}', body: json({ where: null }), status: 400 },
  { label: '{"where": true}', body: json({ where: true }), status: 400 },
  { label: '{"where": ["EVERYWHERE"]}', body: json({ where: ["EVERYWHERE"] }), status: 400 },
  { label: '{"where": {"x": 1}}', body: json({ where: { x: 1 } }), status: 400 },
  { label: '{"where": "everywhere"} (wrong case)', body: json({ where: "everywhere" }), status: 400 },
  { label: '{"where": "EVERYWHERE "}', body: json({ where: "EVERYWHERE " }), status: 400 },
  { label: '{"where": "EVERYWHERE\\u0000"}', body: json({ where: "EVERYWHERE\u0000" }), status: 400 },
  { label: '{"where": "ÉVERYWHERE"} (unicode)', body: json({ where: "ÉVERYWHERE" }), status: 400 },
  { label: "unknown field with a valid scope", body: json({ where: "EVERYWHERE", x: 1 }), status: 400 },
  { label: "unknown field only", body: json({ x: 1 }), status: 400 },
  { label: "__proto__ smuggling", body: '{"__proto__": {"where": "EVERYWHERE"}}', status: 400 },
  { label: "constructor key", body: '{"constructor": {}}', status: 400 },
];

const loginCases: BodyCase[] = [
  { label: '{"use_sso": "yes"}', body: json({ use_sso: "yes" }), status: 400 },
  { label: '{"use_sso": "true"}', body: json({ use_sso: "true" }), status: 400 },
  { label: '{"use_sso": 1}', body: json({ use_sso: 1 }), status: 400 },
  { label: '{"use_sso": false}', body: json({ use_sso: false }), status: 400 },
  { label: '{"use_sso": null}', body: json({ use_sso: null }), status: 400 },
  { label: '{"use_sso": [true]}', body: json({ use_sso: [true] }), status: 400 },
  { label: "{}", body: "{}", status: 400 },
  { label: "empty body", body: "", status: 400 },
  { label: '{"USE_SSO": true}', body: json({ USE_SSO: true }), status: 400 },
  { label: '{"use_sso": true, "x": 1} (unknown field)', body: json({ use_sso: true, x: 1 }), status: 400 },
  { label: "identifiers in the body", body: json({ use_sso: true, email: "victim@example.com", readerId: "00000000-0000-0000-0000-000000000000" }), status: 400 },
  { label: "__proto__ smuggling", body: '{"use_sso": true, "__proto__": {"x": 1}}', status: 400 },
];

const metaCases: BodyCase[] = [
  { label: "empty body", body: "", status: 400 },
  { label: "a key longer than 128 characters", body: json({ ["k".repeat(129)]: 1 }), status: 400 },
  { label: "a number out of range (1e400)", body: '{"n": 1e400}', status: 400 },
  { label: "meta > 4 KiB", body: json({ k: "x".repeat(5000) }), status: 413, code: "payload_too_large" },
];

type Endpoint = {
  name: string;
  method: string;
  path: string;
  extraCases: BodyCase[];
  /** A browser in the state where a VALID body would succeed, and a check that nothing changed. */
  setup: () => Promise<{ host: string; browser: TestBrowser; unchanged: () => Promise<void> }>;
};

const endpoints: Endpoint[] = [
  {
    name: "POST /api/logout",
    method: "POST",
    path: "/api/logout",
    extraCases: logoutCases,
    async setup() {
      const org = await createTestOrg({ mode: "opt_in" });
      const host = org.site("news").host;
      const reader = await org.createReader();
      const browser = await browserSignedInOn(host, reader);
      return { host, browser, unchanged: async () => expect(await statusOf(browser, host)).toBe("authenticated") };
    },
  },
  {
    name: "POST /api/sso/login",
    method: "POST",
    path: "/api/sso/login",
    extraCases: loginCases,
    async setup() {
      const org = await createTestOrg({ mode: "opt_in" });
      const reader = await org.createReader();
      const browser = await browserSignedInOn(org.site("news").host, reader);
      const host = org.site("sport").host;
      await visit(browser, host);
      expect(await statusOf(browser, host)).toBe("known");
      return { host, browser, unchanged: async () => expect(await statusOf(browser, host)).toBe("known") };
    },
  },
  {
    name: "PUT /api/sso/status/meta",
    method: "PUT",
    path: "/api/sso/status/meta",
    extraCases: metaCases,
    async setup() {
      const org = await createTestOrg({ mode: "opt_in" });
      const host = org.site("news").host;
      const browser = new TestBrowser();
      await visit(browser, host);
      return { host, browser, unchanged: async () => expect((await ssoStatus(browser, host)).meta.reader).toEqual({}) };
    },
  },
];

function sendBody(endpoint: Endpoint, host: string, browser: TestBrowser, testCase: BodyCase): Promise<RawResponse> {
  const headers: Record<string, string> = {
    cookie: browser.cookieHeader(host),
    origin: new URL(siteUrl(host)).origin,
    "sec-fetch-site": "same-origin",
    "x-forwarded-for": browser.ip,
  };
  if (testCase.contentType !== null) headers["content-type"] = testCase.contentType ?? "application/json";
  return rawRequest({ host, path: endpoint.path, method: endpoint.method, headers, body: testCase.body, ...(testCase.chunked ? { chunked: true } : {}) });
}

for (const endpoint of endpoints) {
  describe(`${endpoint.name}: malformed bodies → 4xx with the error shape, nothing changed`, () => {
    it.each([...commonBodyCases, ...endpoint.extraCases].map((c) => [c.label, c] as const))("%s", async (label, testCase) => {
      const { host, browser, unchanged } = await endpoint.setup();
      const response = await sendBody(endpoint, host, browser, testCase);
      expectApiError(response, `${endpoint.name} ← ${label}`, testCase.status);
      if (testCase.code) expectErrorShape(response, testCase.status, testCase.code);
      await unchanged();
    });
  });
}

describe("PUT /api/sso/status/meta: JSON that parses but that Postgres jsonb cannot store → 4xx, never 500", () => {
  it.each([
    ["an escaped NUL in a value", '{"k": "a\\u0000b"}'],
    ["an escaped NUL in a key", '{"a\\u0000b": 1}'],
    ["a lone high surrogate", '{"k": "\\ud800"}'],
    ["a lone low surrogate", '{"k": "\\udc00x"}'],
  ])("%s", async (label, body) => {
    const org = await createTestOrg({ mode: "opt_in" });
    const host = org.site("news").host;
    const browser = new TestBrowser();
    await visit(browser, host);
    const response = await sendBody(endpoints[2]!, host, browser, { label, body });
    expectApiError(response, `meta ← ${label}`, 400);
    expect((await ssoStatus(browser, host)).meta.reader).toEqual({});
  });

  it("deeply nested JSON that fits in 4 KiB (2040 levels) is refused with 4xx or stored, never a 500", async () => {
    const org = await createTestOrg({ mode: "opt_in" });
    const host = org.site("news").host;
    const browser = new TestBrowser();
    await visit(browser, host);
    const depth = 2040;
    const body = `{"k":${"[".repeat(depth)}${"]".repeat(depth)}}`;
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(4096);
    const response = await sendBody(endpoints[2]!, host, browser, { label: "deep", body });
    expect(response.status, response.body.slice(0, 200)).toBeLessThan(500);
    if (response.status >= 400) expectErrorShape(response);
  });
});

// ---------------------------------------------------------------------------------------------
// Garbage cookies
// ---------------------------------------------------------------------------------------------

const garbageCookies: [string, () => string][] = [
  ["__Host-mss_session=%%%", () => `${SESSION_COOKIE}=%%%`],
  ["a 10 KB session cookie", () => `${SESSION_COOKIE}=${"a".repeat(10 * 1024)}`],
  ["a valid-shaped but unknown secret", () => `${SESSION_COOKIE}=${validShapedSecret()}`],
  ["an empty session cookie", () => `${SESSION_COOKIE}=`],
  ["a quoted secret", () => `${SESSION_COOKIE}="${validShapedSecret()}"`],
  ["a Latin-1 byte in the value", () => `${SESSION_COOKIE}=\u00e9\u00ff`],
  ["separators only", () => ";;; =; ==; ;"],
  ["a name without a value", () => SESSION_COOKIE],
  ["two session cookies (unknown + garbage)", () => `${SESSION_COOKIE}=${validShapedSecret()}; ${SESSION_COOKIE}=%%%`],
  ["garbage state and SSO cookies too", () => `${SESSION_COOKIE}=%%%; __Host-mss_sso_state=%%%.%%%; __Host-mss_sso_state_AAAAAAAAAAAAAAAA=%%%.%%%; __Host-mss_sso=${"z".repeat(5000)}`],
];

describe("garbage cookies are never a 5xx and never authenticate", () => {
  it.each(garbageCookies)("%s: JSON endpoints answer 4xx with the error shape (or, for GET status, a plain `unknown`)", async (label, makeCookie) => {
    const org = await createTestOrg({ mode: "opt_in" });
    const host = org.site("news").host;
    const cookie = makeCookie();
    const same = { origin: new URL(siteUrl(host)).origin, "sec-fetch-site": "same-origin", "content-type": "application/json" };

    const status = await rawRequest({ host, path: "/api/sso/status", headers: { cookie } });
    expect(status.status, `GET status with ${label}: ${status.body.slice(0, 200)}`).toBe(200);
    expect(JSON.parse(status.body)).toMatchObject({ status: "unknown", user: null });
    expect(status.headers["set-cookie"], "a garbage cookie is not answered with a session").toBeUndefined();

    const cases: [string, string, string, string, number, string][] = [
      ["POST", "/api/logout", "{}", "logout", 409, "not_signed_in"],
      ["POST", "/api/sso/login", json({ use_sso: true }), "use_sso", 409, "not_known"],
      ["PUT", "/api/sso/status/meta", json({ a: 1 }), "meta", 409, "not_linked"],
    ];
    for (const [method, path, body, name, expectedStatus, code] of cases) {
      const response = await rawRequest({ host, path, method, headers: { ...same, cookie }, body });
      expectApiError(response, `${name} with ${label}`, expectedStatus);
      expectErrorShape(response, expectedStatus, code);
    }
  });

  it.each(garbageCookies)("%s: /sso/callback with no live session answers a plain 4xx page", async (label, makeCookie) => {
    const org = await createTestOrg({ mode: "opt_in" });
    const host = org.site("news").host;
    const response = await rawRequest({
      host,
      path: `/sso/callback?ott=${validShapedSecret()}&state=${validShapedSecret()}`,
      headers: { cookie: makeCookie(), accept: "text/html" },
    });
    expectPlainErrorPage(response, `callback with ${label}`);
  });

  it.each(garbageCookies)("%s: a page visit replaces it with a fresh session (no 5xx, no revival)", async (label, makeCookie) => {
    const org = await createTestOrg({ mode: "opt_in" });
    const host = org.site("news").host;
    const response = await rawRequest({
      host,
      path: "/",
      headers: { cookie: makeCookie(), accept: "text/html", "sec-fetch-dest": "document", "sec-fetch-mode": "navigate", "sec-fetch-site": "none" },
    });
    expect(response.status, `page with ${label}`).toBe(302); // to the handshake, with a new session
    const setCookies = [response.headers["set-cookie"] ?? []].flat();
    expect(setCookies.some((c) => c.startsWith(`${SESSION_COOKIE}=`) && /^[^=]+=[A-Za-z0-9_-]{43};/.test(c))).toBe(true);
  });

  it.each(garbageCookies)("%s (as the auth domain's SSO cookie): the handshake mints a fresh token, no 5xx", async (label, makeCookie) => {
    const org = await createTestOrg({ mode: "opt_in" });
    const cookie = makeCookie().replaceAll(SESSION_COOKIE, "__Host-mss_sso");
    const response = await rawRequest({ host: org.authHost, path: `/sso/handshake?site=news&state=${validShapedSecret()}`, headers: { cookie } });
    expect(response.status, `handshake with ${label}: ${response.body.slice(0, 200)}`).toBe(302);
    expect(response.headers.location).toMatch(new RegExp(`^http://${org.site("news").host.replaceAll(".", "\\.")}:\\d+/sso/callback\\?`));
  });

  it("a 20 KB cookie header is refused by the HTTP layer with 431 (still a 4xx)", async () => {
    const org = await createTestOrg({ mode: "opt_in" });
    const host = org.site("news").host;
    const response = await rawRequest({ host, path: "/api/sso/status", headers: { cookie: `${SESSION_COOKIE}=${"a".repeat(20 * 1024)}` } });
    expect4xx(response, "20 KB cookie");
  });
});

// ---------------------------------------------------------------------------------------------
// Query strings: handshake, callback, status
// ---------------------------------------------------------------------------------------------

const big = "a".repeat(8 * 1024);

function handshakeQueries(): [string, string][] {
  const state = validShapedSecret();
  const other = validShapedSecret();
  return [
    ["no query", ""],
    ["missing state", "?site=news"],
    ["missing site", `?state=${state}`],
    ["empty values", "?site=&state="],
    ["8 KB extra parameter", `?site=news&state=${state}&x=${big}`],
    ["8 KB site", `?site=${big}&state=${state}`],
    ["8 KB state", `?site=news&state=${big}`],
    ["upper-case site", `?site=NEWS&state=${state}`],
    ["path-like site", `?site=..%2Fnews&state=${state}`],
    ["site of no such slug", `?site=nosuchsite&state=${state}`],
    ["short state", `?site=news&state=${state.slice(1)}`],
    ["long state", `?site=news&state=${state}A`],
    ["NUL in site", `?site=news%00&state=${state}`],
    ["NUL in state", `?site=news&state=${state.slice(1)}%00`],
    ["unicode site", `?site=n%C3%A9ws&state=${state}`],
    ["RTL override in site", `?site=news%E2%80%AE&state=${state}`],
    ["invalid UTF-8 percent-escape", `?site=news%FF&state=${state}`],
    ["bracketed array key", `?site[]=news&state=${state}`],
    ["duplicated site (conflicting values)", `?site=nosuchsite&site=news&state=${state}`],
    ["duplicated site (other order)", `?site=news&site=nosuchsite&state=${state}`],
    ["duplicated state (conflicting values)", `?site=news&state=${state}&state=${other}`],
    ["redirect_uri smuggled in", `?site=news&state=${state}&redirect_uri=http%3A%2F%2Fevil.example%2F`],
  ];
}

describe("GET /sso/handshake (auth domain): malformed queries → plain 4xx page, no redirect", () => {
  it.each(handshakeQueries())("%s", async (label, query) => {
    const org = await createTestOrg({ mode: "opt_in" });
    const response = await rawRequest({ host: org.authHost, path: `/sso/handshake${query}`, headers: { accept: "text/html" } });
    expectPlainErrorPage(response, `handshake ${label}`);
    expect(response.headers["set-cookie"], "no SSO token is minted for a refused handshake").toBeUndefined();
  });
});

function callbackQueries(): [string, string][] {
  const ott = validShapedSecret();
  const state = validShapedSecret();
  return [
    ["no query", ""],
    ["missing state", `?ott=${ott}`],
    ["missing ott", `?state=${state}`],
    ["8 KB ott", `?ott=${big}&state=${state}`],
    ["8 KB state", `?ott=${ott}&state=${big}`],
    ["8 KB extra parameter", `?ott=${ott}&state=${state}&x=${big}`],
    ["NUL in ott", `?ott=%00&state=${state}`],
    ["unicode state", `?ott=${ott}&state=%F0%9F%98%80`],
    ["invalid UTF-8 percent-escape", `?ott=%FF%FE&state=${state}`],
    ["duplicated ott", `?ott=${ott}&ott=${validShapedSecret()}&state=${state}`],
    ["duplicated state", `?ott=${ott}&state=${state}&state=${validShapedSecret()}`],
    ["return path smuggled in", `?ott=${ott}&state=${state}&returnTo=http%3A%2F%2Fevil.example%2F`],
  ];
}

describe("GET /sso/callback (site): malformed queries → plain 4xx page", () => {
  it.each(callbackQueries())("no session: %s", async (label, query) => {
    const org = await createTestOrg({ mode: "opt_in" });
    const response = await rawRequest({ host: org.site("news").host, path: `/sso/callback${query}`, headers: { accept: "text/html" } });
    expectPlainErrorPage(response, `callback ${label}`);
  });

  it.each(callbackQueries())("with an anonymous session: %s → back to a relative path on this site, never a 5xx or a foreign URL", async (label, query) => {
    const org = await createTestOrg({ mode: "opt_in" });
    const host = org.site("news").host;
    const browser = new TestBrowser();
    await visit(browser, host);
    const response = await browser.request(siteUrl(host, `/sso/callback${query}`), { navigation: true });
    expect(response.status, `callback ${label}: ${response.body.slice(0, 200)}`).toBeLessThan(500);
    if (response.status >= 300 && response.status < 400) expect(response.headers.location).toMatch(/^\/(?![/\\])/);
    expect(await statusOf(browser, host)).toBe("unknown");
  });
});

describe("GET /api/sso/status: malformed queries change nothing and are never a 5xx", () => {
  it.each([
    ["8 KB parameter", `?x=${big}`],
    ["duplicated parameters", "?status=authenticated&status=known&user=1&user=2"],
    ["NUL", "?x=%00"],
    ["unicode", "?x=%F0%9F%98%80&%E2%80%AE=1"],
    ["invalid UTF-8 percent-escape", "?x=%FF%FE%80"],
  ])("%s", async (label, query) => {
    const org = await createTestOrg({ mode: "opt_in" });
    const host = org.site("news").host;
    const browser = new TestBrowser();
    await visit(browser, host);
    const response = await browser.json<{ status: string }>(siteUrl(host, `/api/sso/status${query}`));
    expect(response.status, `status ${label}`).toBe(200);
    expect(response.json.status).toBe("unknown");
  });

  it("a 20 KB query string is refused by the HTTP layer (431/414/400), on status, handshake and callback", async () => {
    const org = await createTestOrg({ mode: "opt_in" });
    const huge = "a".repeat(20 * 1024);
    expect4xx(await rawRequest({ host: org.site("news").host, path: `/api/sso/status?x=${huge}` }), "status 20 KB");
    expect4xx(await rawRequest({ host: org.authHost, path: `/sso/handshake?site=news&state=${huge}` }), "handshake 20 KB");
    expect4xx(await rawRequest({ host: org.site("news").host, path: `/sso/callback?ott=${huge}` }), "callback 20 KB");
  });
});

describe("raw NUL / non-ASCII bytes in the request line are refused with 400 (HTTP parser)", () => {
  it.each([
    ["NUL in the status query", "/api/sso/status?x=a\u0000b"],
    ["Latin-1 bytes in the status query", "/api/sso/status?x=\u00e9\u00ff"],
    ["non-ASCII in the path", "/api/sso/st\u00e9tus"],
    ["NUL in the callback query", "/sso/callback?ott=\u00ff&state=\u0000"],
  ])("%s", async (_label, target) => {
    const org = await createTestOrg({ mode: "opt_in" });
    const head = Buffer.concat([
      Buffer.from("GET ", "latin1"),
      Buffer.from(target, "latin1"),
      Buffer.from(` HTTP/1.1\r\nHost: ${org.site("news").host}\r\nConnection: close\r\n\r\n`, "latin1"),
    ]);
    const response = await rawSocketRequest(head);
    expect(response.status, response.head).toBeGreaterThanOrEqual(400);
    expect(response.status, response.head).toBeLessThan(500);
  });
});

// ---------------------------------------------------------------------------------------------
// Wrong HTTP methods and unknown API paths
// ---------------------------------------------------------------------------------------------

describe("wrong HTTP methods → 405 (with the error shape on /api paths), never 500", () => {
  it.each([
    ["DELETE", "/api/sso/status"],
    ["POST", "/api/sso/status"],
    ["PUT", "/api/sso/status"],
    ["PATCH", "/api/sso/status"],
    ["GET", "/api/logout"],
    ["PUT", "/api/logout"],
    ["DELETE", "/api/logout"],
    ["GET", "/api/sso/login"],
    ["DELETE", "/api/sso/login"],
    ["GET", "/api/sso/status/meta"],
    ["POST", "/api/sso/status/meta"],
    ["DELETE", "/api/sso/status/meta"],
    ["PATCH", "/api/auth/session"],
    ["DELETE", "/api/auth/csrf"],
  ])("%s %s", async (method, path) => {
    const org = await createTestOrg({ mode: "opt_in" });
    const host = org.site("news").host;
    const response = await rawRequest({ host, path, method, headers: { origin: new URL(siteUrl(host)).origin, "sec-fetch-site": "same-origin" } });
    expect(response.status, `${method} ${path}`).toBe(405);
    expectErrorShape(response, 405, "method_not_allowed");
  });

  it.each([
    ["POST", "site", "/sso/callback"],
    ["DELETE", "site", "/sso/callback"],
    ["POST", "auth", "/sso/handshake"],
    ["PUT", "auth", "/sso/handshake"],
  ])("%s %s %s → 405 plain page", async (method, where, path) => {
    const org = await createTestOrg({ mode: "opt_in" });
    const host = where === "auth" ? org.authHost : org.site("news").host;
    const response = await rawRequest({ host, path: `${path}?site=news&state=${validShapedSecret()}`, method });
    expect(response.status, `${method} ${path}`).toBe(405);
    expect(response.headers.location).toBeUndefined();
  });

  it("an unknown method token is refused by the HTTP layer with 400", async () => {
    const org = await createTestOrg({ mode: "opt_in" });
    const response = await rawSocketRequest(Buffer.from(`FOO /api/sso/status HTTP/1.1\r\nHost: ${org.site("news").host}\r\nConnection: close\r\n\r\n`));
    expect(response.status).toBe(400);
  });

  it.each([
    ["an unknown API path", "/api/nope"],
    ["an encoded NUL in the path", "/api/sso/status%00"],
    ["a unicode API path", "/api/sso/st%C3%A9tus"],
  ])("%s → 404 with the error shape", async (_label, path) => {
    const org = await createTestOrg({ mode: "opt_in" });
    const response = await rawRequest({ host: org.site("news").host, path });
    expect(response.status).toBe(404);
    expectErrorShape(response, 404);
  });
});

// ---------------------------------------------------------------------------------------------
// Malformed Host headers (the proxy routes by Host)
// ---------------------------------------------------------------------------------------------

describe("malformed Host headers on an /api path → 4xx with the error shape", () => {
  it.each([
    ["double dot", "news..localhost"],
    ["300-character host", `${"a".repeat(300)}.localhost`],
    ["port out of range", "news.localhost:99999"],
    ["userinfo", "evil@news.localhost"],
    ["unknown host", "nosuch-host-for-tests.localhost"],
    ["NUL-free garbage", "%%%"],
  ])("%s", async (_label, host) => {
    const response = await rawRequest({ host: "unused", path: "/api/sso/status", headers: { host } });
    expectApiError(response, `Host: ${host}`);
  });
});

// ---------------------------------------------------------------------------------------------
// next-auth on a site (/api/auth/*): its own protocol, but still never a 5xx
// ---------------------------------------------------------------------------------------------

describe("next-auth endpoints: malformed input is never a 5xx", () => {
  async function credentialsPost(body: string | Buffer, contentType: string, options: { chunked?: boolean } = {}) {
    const org = await createTestOrg({ mode: "opt_in" });
    const host = org.site("news").host;
    const browser = new TestBrowser();
    await visit(browser, host);
    const csrf = await browser.json<{ csrfToken: string }>(siteUrl(host, "/api/auth/csrf"));
    const text = typeof body === "string" ? body.replaceAll("{CSRF}", csrf.json.csrfToken) : body;
    const response = await rawRequest({
      host,
      path: "/api/auth/callback/credentials",
      method: "POST",
      headers: { cookie: browser.cookieHeader(host), origin: new URL(siteUrl(host)).origin, "sec-fetch-site": "same-origin", "content-type": contentType, "x-forwarded-for": browser.ip },
      body: text,
      ...(options.chunked ? { chunked: true } : {}),
    });
    expect(await statusOf(browser, host)).toBe("unknown");
    return response;
  }

  it.each([
    ["a 300-character email", () => new URLSearchParams({ csrfToken: "{CSRF}", email: `${"a".repeat(300)}@example.com`, password: "x", json: "true" }).toString()],
    ["a NUL in the email", () => new URLSearchParams({ csrfToken: "{CSRF}", email: "a\u0000b@example.com", password: "x", json: "true" }).toString()],
    ["a 100 KB password", () => new URLSearchParams({ csrfToken: "{CSRF}", email: "a@example.com", password: "p".repeat(100_000), json: "true" }).toString()],
    ["duplicated email fields", () => "csrfToken={CSRF}&email=a%40example.com&email=b%40example.com&password=x&json=true"],
    ["a malformed percent-escape", () => "csrfToken={CSRF}&email=%E0%A4%A&password=%%%&json=true"],
    ["no CSRF token", () => "email=a%40example.com&password=x"],
  ])("form POST /api/auth/callback/credentials with %s", async (_label, makeBody) => {
    const response = await credentialsPost(makeBody(), "application/x-www-form-urlencoded");
    expect(response.status, response.body.slice(0, 200)).toBeLessThan(500);
  });

  it.each([
    ["broken JSON", "{"],
    ["a JSON array", "[]"],
    ["JSON with wrong types", '{"csrfToken": 1, "email": [], "password": {}}'],
  ])("JSON POST /api/auth/callback/credentials with %s", async (_label, body) => {
    const response = await credentialsPost(body, "application/json");
    expect(response.status, response.body.slice(0, 200)).toBeLessThan(500);
  });

  it("a 1 MB form body (chunked) is not a 5xx", async () => {
    const response = await credentialsPost(Buffer.alloc(MB, 0x61), "application/x-www-form-urlencoded", { chunked: true });
    expect(response.status).toBeLessThan(500);
  });

  it("garbage next-auth cookies on /api/auth/session and /api/auth/csrf are not a 5xx", async () => {
    const org = await createTestOrg({ mode: "opt_in" });
    const host = org.site("news").host;
    const cookie = `__Secure-next-auth.session-token=%%%; __Host-next-auth.csrf-token=${"x".repeat(5000)}; ${SESSION_COOKIE}=%%%`;
    for (const path of ["/api/auth/session", "/api/auth/csrf", "/api/auth/providers", `/api/auth/session?x=${big}`]) {
      const response = await rawRequest({ host, path, headers: { cookie } });
      expect(response.status, `${path}: ${response.body.slice(0, 200)}`).toBeLessThan(500);
    }
  });

  it("a sign-out POST with broken JSON is not a 5xx", async () => {
    const org = await createTestOrg({ mode: "opt_in" });
    const host = org.site("news").host;
    const response = await rawRequest({ host, path: "/api/auth/signout", method: "POST", headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" }, body: "{" });
    expect(response.status, response.body.slice(0, 200)).toBeLessThan(500);
  });
});
