// Cookie and header policy (design §7) over a whole reader flow, including next-auth's own
// cookies: HttpOnly, SameSite=Lax, host-only, Path=/, Secure and the __Host- prefix (COOKIE_SECURE=auto
// in production: always — under https, on *.localhost, and on a real host behind a TLS proxy
// that does not say https; lib/http/cookies.test.ts has the non-production rule). The auth domain answers
// everything with a strict CSP (frame-ancestors 'none'); the callback never leaks a Referer.
import { randomUUID } from "node:crypto";
import type http from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { appPort, TestBrowser } from "../http/browser";
import { createTestOrg } from "../http/factory";
import { siteUrl } from "../http/flows";
import { authUrl, freshNonce, locationOf } from "../http/sso-steps";

type Cookie = { name: string; value: string; attributes: Map<string, string>; line: string };

function parseSetCookie(line: string): Cookie {
  const [pair = "", ...rest] = line.split(";").map((part) => part.trim());
  const eq = pair.indexOf("=");
  const attributes = new Map<string, string>();
  for (const attribute of rest) {
    const at = attribute.indexOf("=");
    attributes.set((at < 0 ? attribute : attribute.slice(0, at)).toLowerCase(), at < 0 ? "" : attribute.slice(at + 1));
  }
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attributes, line };
}

function cookiesOf(headers: http.IncomingHttpHeaders): Cookie[] {
  return (headers["set-cookie"] ?? []).map(parseSetCookie);
}

/** The policy every cookie of ours must meet; `secure` says whether this request was one where Secure applies. */
function expectCookiePolicy(cookie: Cookie, secure: boolean): void {
  const label = cookie.line;
  expect(cookie.attributes.has("httponly"), `${label}: HttpOnly`).toBe(true);
  expect(cookie.attributes.get("samesite")?.toLowerCase(), `${label}: SameSite=Lax`).toBe("lax");
  expect(cookie.attributes.get("path"), `${label}: Path=/`).toBe("/");
  expect(cookie.attributes.has("domain"), `${label}: host-only (no Domain)`).toBe(false);
  expect(cookie.attributes.has("secure"), `${label}: Secure ${secure ? "required" : "must be absent over plain http"}`).toBe(secure);
  expect(cookie.name.startsWith("__Host-"), `${label}: __Host- prefix ${secure ? "required" : "impossible over plain http"}`).toBe(secure);
}

/** Every step of a reader's visit, hop by hop, collecting every Set-Cookie. */
async function fullFlowCookies(options: { browser: TestBrowser; siteOrigin: string; email: string; password: string; headers?: Record<string, string> }): Promise<Cookie[]> {
  const { browser, headers = {} } = options;
  // The origin the browser sees (https when a TLS proxy in front says so), for same-origin checks.
  const publicOrigin = headers["x-forwarded-proto"] === "https" ? options.siteOrigin.replace(/^http:/, "https:") : options.siteOrigin;
  const cookies: Cookie[] = [];
  const take = <T extends { headers: http.IncomingHttpHeaders }>(response: T): T => {
    cookies.push(...cookiesOf(response.headers));
    return response;
  };
  // The TLS proxy this test plays: https links are followed to the app over plain http, with the
  // X-Forwarded-Proto header saying what the browser used (the test browser speaks real TLS to
  // an https URL, and the app server here has none).
  const behindProxy = (url: string) => url.replace(/^https:/, "http:");
  const page = take(await browser.request(`${options.siteOrigin}/`, { navigation: true, headers }));
  expect(page.status).toBe(302);
  const handshake = take(await browser.request(behindProxy(locationOf(page) as string), { navigation: true, headers }));
  expect(handshake.status).toBe(302);
  expect(new URL(locationOf(handshake) as string).host).toBe(new URL(options.siteOrigin).host);
  const callback = take(await browser.request(behindProxy(locationOf(handshake) as string), { navigation: true, headers }));
  expect(callback.status).toBe(302);
  const csrf = take(await browser.request(`${options.siteOrigin}/api/auth/csrf`, { headers }));
  const form = new URLSearchParams({ csrfToken: (JSON.parse(csrf.body) as { csrfToken: string }).csrfToken, email: options.email, password: options.password, json: "true" });
  const signIn = take(
    await browser.request(`${options.siteOrigin}/api/auth/callback/credentials`, {
      method: "POST",
      body: form.toString(),
      headers: { ...headers, "content-type": "application/x-www-form-urlencoded", origin: publicOrigin },
    }),
  );
  expect(signIn.status, signIn.body).toBe(200);
  const logout = take(await browser.request(`${options.siteOrigin}/api/logout`, { method: "POST", body: "{}", headers: { ...headers, origin: publicOrigin } }));
  expect(logout.status, logout.body).toBe(200);
  return cookies;
}

/** An organisation on real (non-localhost) host names, which the product treats like any deployment. */
async function createOrgOnRealHosts(scheme: "http" | "https") {
  const tag = randomUUID().slice(0, 8);
  const authHost = `auth-${tag}.example.test`;
  const siteHost = `news-${tag}.example.test`;
  const org = await db.organization.create({ data: { slug: `org-${tag}`, name: `Real ${tag}`, authHost, ssoMode: "auto_login" } });
  const site = await db.site.create({
    data: { orgId: org.id, slug: "news", name: `News ${tag}`, logoText: "NEWS", callbackUrl: `${scheme}://${siteHost}:${appPort()}/sso/callback` },
  });
  await db.siteHostname.create({ data: { hostname: siteHost, siteId: site.id, isPrimary: true } });
  created.push(org.id);
  return { orgId: org.id, authHost, siteHost };
}
const created: string[] = [];
afterAll(async () => {
  await db.organization.deleteMany({ where: { id: { in: created } } });
});

describe("cookies (design §7)", () => {
  it("on *.localhost, every cookie of a full visit — site session, handshake state, SSO token, next-auth's CSRF, callback-url and session cookies — is HttpOnly, SameSite=Lax, Path=/, host-only, Secure and __Host-", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const reader = await org.createReader();
    const cookies = await fullFlowCookies({
      browser: new TestBrowser(),
      siteOrigin: new URL(siteUrl(org.site("news").host)).origin,
      email: reader.email,
      password: reader.password,
    });
    // The handshake's state cookie is named after its nonce: __Host-mss_sso_state_<id>.
    const names = new Set(cookies.map((c) => c.name.replace(/^(__Host-mss_sso_state)_[A-Za-z0-9_-]{16}$/, "$1")));
    for (const name of ["__Host-mss_session", "__Host-mss_sso_state", "__Host-mss_sso", "__Host-next-auth.csrf-token", "__Host-next-auth.callback-url", "__Host-next-auth.session-token"]) {
      expect(names, `${name} was set during the flow`).toContain(name);
    }
    for (const cookie of cookies) expectCookiePolicy(cookie, true);
  });

  it("on a real host behind https (X-Forwarded-Proto: https), every cookie is Secure with the __Host- prefix", async () => {
    const org = await createOrgOnRealHosts("https");
    const reader = await db.reader.create({ data: { orgId: org.orgId, email: `r-${randomUUID().slice(0, 6)}@example.com`, passwordHash: await hashPassword("correct-horse-battery-staple") } });
    const cookies = await fullFlowCookies({
      browser: new TestBrowser(),
      siteOrigin: `http://${org.siteHost}:${appPort()}`,
      email: reader.email,
      password: "correct-horse-battery-staple",
      headers: { "x-forwarded-proto": "https" },
    });
    expect(cookies.length).toBeGreaterThanOrEqual(6);
    for (const cookie of cookies) expectCookiePolicy(cookie, true);
  });

  it("in production, on a real host reached without X-Forwarded-Proto (a TLS proxy that does not say https), every cookie is still Secure with the __Host- prefix", async () => {
    const org = await createOrgOnRealHosts("http");
    const reader = await db.reader.create({ data: { orgId: org.orgId, email: `r-${randomUUID().slice(0, 6)}@example.com`, passwordHash: await hashPassword("correct-horse-battery-staple") } });
    const cookies = await fullFlowCookies({
      browser: new TestBrowser(),
      siteOrigin: `http://${org.siteHost}:${appPort()}`,
      email: reader.email,
      password: "correct-horse-battery-staple",
    });
    expect(cookies.length).toBeGreaterThanOrEqual(6);
    for (const cookie of cookies) expectCookiePolicy(cookie, true);
  });
});

describe("headers", () => {
  it("every answer of an auth domain (page, handshake redirect and refusals, unknown paths, its API 404, wrong methods, malformed paths) has CSP default-src 'none' with frame-ancestors 'none', X-Frame-Options DENY and Referrer-Policy no-referrer", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const disabled = await createTestOrg({ mode: "disabled" });
    const browser = new TestBrowser();
    const answers = [
      ["home", await browser.request(authUrl(org, "/"), { navigation: true }), 200],
      ["handshake", await browser.request(authUrl(org, `/sso/handshake?site=news&state=${freshNonce()}`), { navigation: true }), 302],
      ["handshake, unknown site", await browser.request(authUrl(org, `/sso/handshake?site=nope&state=${freshNonce()}`), { navigation: true }), 404],
      ["handshake, bad query", await browser.request(authUrl(org, "/sso/handshake?site=news"), { navigation: true }), 400],
      ["handshake, SSO disabled (back to the callback with error)", await browser.request(authUrl(disabled, `/sso/handshake?site=news&state=${freshNonce()}`), { navigation: true }), 302],
      ["handshake, not a navigation (an image)", await browser.request(authUrl(org, `/sso/handshake?site=news&state=${freshNonce()}`), { headers: { "sec-fetch-dest": "image", "sec-fetch-mode": "no-cors" } }), 403],
      ["unknown path", await browser.request(authUrl(org, "/nothing/here"), { navigation: true }), 404],
      ["API path", await browser.request(authUrl(org, "/api/anything")), 404],
      ["POST", await browser.request(authUrl(org, "/sso/handshake"), { method: "POST", body: "{}" }), 405],
      ["malformed path", await browser.request(authUrl(org, "/%zz"), { navigation: true }), 400],
    ] as const;
    for (const [label, response, status] of answers) {
      expect(response.status, `${label}: ${response.body.slice(0, 200)}`).toBe(status);
      const csp = String(response.headers["content-security-policy"]);
      expect(csp, label).toContain("default-src 'none'");
      expect(csp, label).toContain("frame-ancestors 'none'");
      expect(response.headers["x-frame-options"], label).toBe("DENY");
      expect(response.headers["referrer-policy"], label).toBe("no-referrer");
      expect(response.headers["x-content-type-options"], label).toBe("nosniff");
    }
  });

  it("the callback answers with Referrer-Policy: no-referrer, Cache-Control: no-store and its strict CSP, on success and on refusal (the site's own frame policy does not replace it)", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const browser = new TestBrowser();
    const page = await browser.request(siteUrl(org.site("news").host, "/"), { navigation: true });
    const handshake = await browser.request(locationOf(page) as string, { navigation: true });
    const callbackUrl = locationOf(handshake) as string;
    const success = await browser.request(callbackUrl, { navigation: true });
    const replay = await browser.request(callbackUrl, { navigation: true });
    const noSession = await new TestBrowser().request(callbackUrl, { navigation: true });
    for (const [label, response] of [["success", success], ["replay", replay], ["no session", noSession]] as const) {
      expect(response.headers["referrer-policy"], label).toBe("no-referrer");
      expect(response.headers["cache-control"], label).toBe("no-store");
      expect(String(response.headers["content-security-policy"]), label).toContain("default-src 'none'");
    }
    expect(success.status).toBe(302);
  });

  it("site pages may not be framed by another origin (frame-ancestors 'self', X-Frame-Options SAMEORIGIN)", async () => {
    const org = await createTestOrg({ mode: "disabled" });
    const response = await new TestBrowser().request(siteUrl(org.site("news").host, "/signin"), { navigation: true });
    expect(response.status).toBe(200);
    expect(response.headers["content-security-policy"]).toBe("frame-ancestors 'self'");
    expect(response.headers["x-frame-options"]).toBe("SAMEORIGIN");
  });
});
