// The Zephr-compatible Public API on a site (docs/zephr-compat.md), against the real server:
// the mapping onto the product's verbs (defaults, scopes, use_sso, the blaize_session mapping),
// and — these are new sign-in and reset surfaces — the product's defences on them, each test
// named after its rule: the same-origin rule, the same sign-in lockout, the same mail budgets,
// no user enumeration, and another reader's session.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { SIGNIN_FAILURE_PER_ACCOUNT_AND_IP, ACCOUNT_MAIL_PER_IP } from "@/lib/security/rate-limits";
import { TestBrowser } from "./browser";
import { createTestOrg } from "./factory";
import { signInWithPassword, siteUrl } from "./flows";
import { browserSignedInOn, newsWithReader, SESSION_COOKIE, statusOf, visit } from "./scenarios";
import { sessionOf } from "./sso-steps";

type Json = Record<string, unknown>;

async function zephr(browser: TestBrowser, host: string, method: string, path: string, body?: unknown, headers?: Record<string, string>) {
  const response = await browser.request(siteUrl(host, path), {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    sameOrigin: method !== "GET" && !headers,
    ...(headers ? { headers } : {}),
  });
  let json: Json = {};
  try {
    json = JSON.parse(response.body) as Json;
  } catch {
    // not JSON: the assertions below say so
  }
  return { ...response, json };
}

const crossSite = { origin: "http://evil.localhost", "sec-fetch-site": "cross-site" };

function login(browser: TestBrowser, host: string, email: string, password: string, headers?: Record<string, string>) {
  return zephr(browser, host, "POST", "/blaize/login", { identifiers: { email_address: email }, validators: { password } }, headers);
}

function expectZephrError(response: { status: number; body: string; json: Json }, status: number, code?: string) {
  expect(response.status, response.body).toBe(status);
  expect(response.json).toEqual({ message: expect.any(String), error: { code: code ?? expect.any(String), message: response.json.message } });
}

describe("Zephr's paths answer Zephr's way, on the product's verbs", () => {
  it("POST /blaize/login signs the site session in: the session cookie is blaize_session here, its value never in the body", async () => {
    const { org, news, reader } = await newsWithReader("opt_in");
    const browser = new TestBrowser();
    await visit(browser, news);
    const before = browser.cookie(news, SESSION_COOKIE);
    const response = await login(browser, news, reader.email, reader.password);
    expect(response.status, response.body).toBe(200);
    expect(response.json).toEqual({ cookie: expect.stringContaining(SESSION_COOKIE), message: "Login successful", tracking_id: reader.id });
    const after = browser.cookie(news, SESSION_COOKIE);
    expect(after).not.toBeNull();
    expect(after).not.toBe(before); // rotated at sign-in
    expect(response.body).not.toContain(after ?? "no cookie");
    expect(browser.cookieNames(news)).not.toContain("blaize_session");
    // The product's own API sees the same sign-in (one session, one cookie).
    expect(await statusOf(browser, news)).toBe("authenticated");
    expect((await zephr(browser, news, "GET", "/zephr/public/sso/v1/status")).json).toEqual({ status: "authenticated", meta: {} });
  });

  it("validators.use_sso with no identifiers continues as the reader signed in on another site; with none, 401", async () => {
    const org = await createTestOrg({ mode: "opt_in", sites: ["news", "sport"] });
    const [news, sport] = [org.site("news").host, org.site("sport").host];
    const reader = await org.createReader();
    const stranger = new TestBrowser();
    await visit(stranger, sport);
    expectZephrError(await zephr(stranger, sport, "POST", "/blaize/login", { validators: { use_sso: true } }), 401, "unauthorized");

    const browser = await browserSignedInOn(news, reader);
    await visit(browser, sport);
    expect((await zephr(browser, sport, "GET", "/zephr/public/sso/v1/status")).json.status).toBe("known");
    const response = await zephr(browser, sport, "POST", "/blaize/login", { validators: { use_sso: true } });
    expect(response.status, response.body).toBe(200);
    expect(response.json.tracking_id).toBe(reader.id);
    expect((await zephr(browser, sport, "GET", "/zephr/public/sso/v1/status")).json.status).toBe("authenticated");
    // Identifiers with use_sso are not Zephr's request: refused, not guessed at.
    expectZephrError(await zephr(browser, sport, "POST", "/blaize/login", { identifiers: { email_address: reader.email }, validators: { use_sso: true } }), 400);
  });

  it("PUT …/status/meta stores the customer meta that GET …/status and the product's own status return", async () => {
    const org = await createTestOrg({ mode: "opt_in", sites: ["news"] });
    const news = org.site("news").host;
    const browser = await browserSignedInOn(news, await org.createReader());
    const put = await zephr(browser, news, "PUT", "/zephr/public/sso/v1/status/meta", { plan: "gold", seen: [1, 2] });
    expect(put.status, put.body).toBe(200);
    expect((await zephr(browser, news, "GET", "/zephr/public/sso/v1/status")).json).toEqual({ status: "authenticated", meta: { plan: "gold", seen: [1, 2] } });
    const own = await browser.json<{ meta: { reader: Json } }>(siteUrl(news, "/api/sso/status"));
    expect(own.json.meta.reader).toEqual({ plan: "gold", seen: [1, 2] });
    // The same 4 KiB cap as PUT /api/sso/status/meta.
    expectZephrError(await zephr(browser, news, "PUT", "/zephr/public/sso/v1/status/meta", { big: "x".repeat(5000) }), 413, "payload_too_large");
  });

  it("POST /blaize/logout: Zephr's default per mode (JUST_HERE under Opt In, THIS_DEVICE under Auto Login) and JUST_HERE refused under Auto Login", async () => {
    const optIn = await createTestOrg({ mode: "opt_in", sites: ["news", "sport"] });
    const reader = await optIn.createReader();
    const a = await browserSignedInOn(optIn.site("news").host, reader);
    await visit(a, optIn.site("sport").host);
    await zephr(a, optIn.site("sport").host, "POST", "/blaize/login", { validators: { use_sso: true } });
    const justHere = await zephr(a, optIn.site("news").host, "POST", "/blaize/logout");
    expect(justHere.json, justHere.body).toEqual({ message: "Session deleted" });
    expect(await statusOf(a, optIn.site("news").host)).not.toBe("authenticated");
    expect(await statusOf(a, optIn.site("sport").host)).toBe("authenticated"); // only here

    const auto = await createTestOrg({ mode: "auto_login", sites: ["news", "sport"] });
    const autoReader = await auto.createReader();
    const b = await browserSignedInOn(auto.site("news").host, autoReader);
    await visit(b, auto.site("sport").host);
    expect(await statusOf(b, auto.site("sport").host)).toBe("authenticated");
    expectZephrError(await zephr(b, auto.site("news").host, "POST", "/blaize/logout", { where: "JUST_HERE" }), 400, "invalid_scope");
    expect((await zephr(b, auto.site("news").host, "POST", "/blaize/logout", {})).status).toBe(200);
    expect(await statusOf(b, auto.site("sport").host)).toBe("unknown"); // THIS_DEVICE: the whole browser
  });

  it("unknown paths under /blaize and /zephr are a JSON 404 in Zephr's shape, and a wrong method a 405", async () => {
    const org = await createTestOrg({ mode: "opt_in", sites: ["news"] });
    const browser = new TestBrowser();
    expectZephrError(await zephr(browser, org.site("news").host, "GET", "/blaize/nothing-here"), 404, "not_found");
    expectZephrError(await zephr(browser, org.site("news").host, "POST", "/zephr/public/nothing/v1"), 404, "not_found");
    const wrong = await zephr(browser, org.site("news").host, "GET", "/blaize/login");
    expectZephrError(wrong, 405, "method_not_allowed");
    expect(wrong.headers.allow).toBe("POST");
  });
});

describe("the product's defences hold on the Zephr paths", () => {
  it("same-origin rule: every state-changing Zephr endpoint refuses a cross-site request (403 csrf_failed) and changes nothing", async () => {
    const { org, news, reader } = await newsWithReader("opt_in");
    const browser = await browserSignedInOn(news, reader);
    const session = await sessionOf(browser, news);
    const attempts: [string, string, unknown][] = [
      ["POST", "/blaize/login", { identifiers: { email_address: reader.email }, validators: { password: reader.password } }],
      ["POST", "/blaize/register", { identifiers: { email_address: "csrf@example.com" }, validators: { password: "a-long-unusual-passphrase-7" } }],
      ["POST", "/blaize/logout", { where: "EVERYWHERE" }],
      ["PUT", "/zephr/public/sso/v1/status/meta", { attacker: true }],
      ["DELETE", "/zephr/public/sessions/v1/sessions", undefined],
      ["DELETE", `/zephr/public/sessions/v1/sessions/${session?.id ?? "x"}`, undefined],
      ["POST", "/blaize/users/reset", { identifiers: { email_address: reader.email } }],
      ["POST", "/blaize/users/reset/some-state", { validators: { password: "a-long-unusual-passphrase-7" } }],
      ["POST", "/blaize/token-exchange", { identifiers: { email_address: reader.email } }],
    ];
    for (const [method, path, body] of attempts) {
      expectZephrError(await zephr(browser, news, method, path, body, crossSite), 403, "csrf_failed");
    }
    expect(await statusOf(browser, news)).toBe("authenticated");
    expect((await zephr(browser, news, "GET", "/zephr/public/sso/v1/status")).json.meta).toEqual({});
    expect(await db.reader.count({ where: { orgId: org.id, email: "csrf@example.com" } })).toBe(0);
  });

  it("one sign-in lockout: failures on /blaize/login lock the sign-in form for that account and network too", async () => {
    const { org, news, reader } = await newsWithReader("opt_in");
    const attacker = new TestBrowser();
    await visit(attacker, news);
    for (let i = 0; i < SIGNIN_FAILURE_PER_ACCOUNT_AND_IP.limit; i++) {
      expectZephrError(await login(attacker, news, reader.email, `wrong-${i}`), 401, "unauthorized");
    }
    // Locked for this account from this network — on either surface, the right password too.
    const zephrAgain = await login(attacker, news, reader.email, reader.password);
    expectZephrError(zephrAgain, 429, "rate_limited");
    expect(Number(zephrAgain.headers["retry-after"])).toBeGreaterThan(0);
    const form = await signInWithPassword(attacker, news, reader.email, reader.password);
    expect(form.status, form.body).toBe(429);
  });

  it("no user enumeration on /blaize/login: an unknown address and a wrong password get one answer", async () => {
    const { org, news, reader } = await newsWithReader("opt_in");
    const unknown = await login(new TestBrowser(), news, "nobody-here@example.com", "some-password-1");
    const wrong = await login(new TestBrowser(), news, reader.email, "some-password-1");
    expect([unknown.status, unknown.json]).toEqual([wrong.status, wrong.json]);
    expect(wrong.status).toBe(401);
  });

  it("no user enumeration on /blaize/register: a taken address and a new one under the 'required' policy get the same 202", async () => {
    const org = await createTestOrg({ mode: "opt_in", sites: ["news"] });
    await db.organization.update({ where: { id: org.id }, data: { emailVerification: "required" } });
    const news = org.site("news").host;
    const reader = await org.createReader();
    const register = (email: string) => zephr(new TestBrowser(), news, "POST", "/blaize/register", { identifiers: { email_address: email }, validators: { password: "a-long-unusual-passphrase-7" } });
    const taken = await register(reader.email);
    const fresh = await register(`new-${Date.now()}@example.com`);
    expect(taken.status, taken.body).toBe(202);
    expect([fresh.status, fresh.json]).toEqual([taken.status, taken.json]);
    expect(taken.headers["set-cookie"] ?? []).not.toEqual(expect.arrayContaining([expect.stringContaining(`${SESSION_COOKIE}=`)]));
  });

  it("no user enumeration on /blaize/users/reset: an unknown address answers exactly as a known one (never Zephr's 404)", async () => {
    const { org, news, reader } = await newsWithReader("opt_in");
    const known = await zephr(new TestBrowser(), news, "POST", "/blaize/users/reset", { identifiers: { email_address: reader.email } });
    const unknown = await zephr(new TestBrowser(), news, "POST", "/blaize/users/reset", { identifiers: { email_address: "nobody-here@example.com" } });
    expect(known.status, known.body).toBe(200);
    expect([unknown.status, unknown.json]).toEqual([known.status, known.json]);
    const passwordless = await zephr(new TestBrowser(), news, "POST", "/blaize/token-exchange", { identifiers: { email_address: "nobody-here@example.com" } });
    const passwordlessKnown = await zephr(new TestBrowser(), news, "POST", "/blaize/token-exchange", { identifiers: { email_address: reader.email } });
    expect(passwordless.status, passwordless.body).toBe(201);
    expect([passwordless.status, passwordless.json]).toEqual([passwordlessKnown.status, passwordlessKnown.json]);
  });

  it("one mail budget per network: /blaize/users/reset and /api/account/password-reset spend the same one (429 past it)", async () => {
    const org = await createTestOrg({ mode: "opt_in", sites: ["news"] });
    const news = org.site("news").host;
    const browser = new TestBrowser();
    for (let i = 0; i < ACCOUNT_MAIL_PER_IP.limit; i++) {
      const response =
        i % 2 === 0
          ? await zephr(browser, news, "POST", "/blaize/users/reset", { identifiers: { email_address: `spray-${i}@example.com` } })
          : await zephr(browser, news, "POST", "/api/account/password-reset", { email: `spray-${i}@example.com` });
      expect(response.status, response.body).toBeLessThan(300);
    }
    expectZephrError(await zephr(browser, news, "POST", "/blaize/users/reset", { identifiers: { email_address: "one-more@example.com" } }), 429, "rate_limited");
    expect((await zephr(browser, news, "POST", "/blaize/token-exchange", { identifiers: { email_address: "one-more@example.com" } })).status).toBe(429);
  });

  it("another reader's session id is a 404 on DELETE …/sessions/{id}, and that session stays signed in", async () => {
    const org = await createTestOrg({ mode: "opt_in", sites: ["news"] });
    const news = org.site("news").host;
    const victim = await browserSignedInOn(news, await org.createReader());
    const attacker = await browserSignedInOn(news, await org.createReader());
    const victimSession = await sessionOf(victim, news);
    const response = await zephr(attacker, news, "DELETE", `/zephr/public/sessions/v1/sessions/${victimSession?.id ?? "x"}`);
    const unknown = await zephr(attacker, news, "DELETE", "/zephr/public/sessions/v1/sessions/00000000-0000-4000-8000-000000000000");
    expectZephrError(response, 404, "not_found");
    expect(response.json).toEqual(unknown.json);
    expect(await statusOf(victim, news)).toBe("authenticated");
  });
});
