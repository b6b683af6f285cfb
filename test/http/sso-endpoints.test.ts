// The site's SSO endpoints (design §5): GET /api/sso/status, PUT /api/sso/status/meta,
// POST /api/sso/login {"use_sso": true}, plus the SSO side of password sign-in, its throttling
// (§7) and server-side revocation — against the real server.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { TestBrowser } from "./browser";
import { createTestOrg } from "./factory";
import { signInWithPassword, siteUrl, ssoStatus } from "./flows";
import { browserSignedInOn, expectErrorShape, knownOnSport, rawRequest, SESSION_COOKIE, sessionUser, statusOf, visit } from "./scenarios";

function useSso(browser: TestBrowser, host: string, options: { headers?: Record<string, string>; sameOrigin?: boolean; body?: unknown } = {}) {
  return browser.json<{ status: string; user: { email: string } | null }>(siteUrl(host, "/api/sso/login"), {
    method: "POST",
    body: options.body ?? { use_sso: true },
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.sameOrigin === undefined ? {} : { sameOrigin: options.sameOrigin }),
  });
}

function putMeta(browser: TestBrowser, host: string, body: string, headers: Record<string, string> = {}) {
  return browser.request(siteUrl(host, "/api/sso/status/meta"), {
    method: "PUT",
    body,
    headers: { "content-type": "application/json", ...headers },
    sameOrigin: true,
  });
}

describe("GET /api/sso/status: unknown → known → authenticated (Opt In)", () => {
  it("moves through the states, shows the masked hint when known, and rotates the session id on use_sso", async () => {
    const org = await createTestOrg({ mode: "opt_in" });
    const news = org.site("news").host;
    const sport = org.site("sport").host;
    const reader = await org.createReader();
    const browser = new TestBrowser();

    const before = await ssoStatus(browser, news); // no cookie at all
    expect(before).toMatchObject({ status: "unknown", user: null });
    await visit(browser, news); // linked, anonymous, token authenticated nowhere
    expect(await ssoStatus(browser, news)).toMatchObject({ status: "unknown", user: null });

    expect((await signInWithPassword(browser, news, reader.email, reader.password)).status).toBeLessThan(400);
    const onNews = await ssoStatus(browser, news);
    expect(onNews.status).toBe("authenticated");
    expect(onNews.user?.email).toBe(reader.email);

    await visit(browser, sport);
    const known = await ssoStatus(browser, sport);
    expect(known.status).toBe("known");
    expect(known.user).toBeNull();
    expect(reader.email.startsWith("r")).toBe(true);
    expect(known.meta.hint).toMatchObject({ email: "r•••@example.com", site: org.site("news").name });
    expect(JSON.stringify(known)).not.toContain(reader.email);

    const anonymousSecret = browser.cookie(sport, SESSION_COOKIE);
    const continued = await useSso(browser, sport);
    expect(continued.status, continued.body).toBe(200);
    expect(continued.json.status).toBe("authenticated");
    const signedInSecret = browser.cookie(sport, SESSION_COOKIE);
    expect(signedInSecret).not.toBeNull();
    expect(signedInSecret).not.toBe(anonymousSecret); // §7: session id rotated on privilege gain

    const after = await ssoStatus(browser, sport);
    expect(after.status).toBe("authenticated");
    expect(after.user?.email).toBe(reader.email);
    const session = await db.siteSession.findFirstOrThrow({ where: { siteId: org.site("sport").id, readerId: reader.id, revokedAt: null } });
    expect(session.authMethod).toBe("sso_opt_in");

    // The pre-rotation secret is worthless now.
    const replay = new TestBrowser();
    replay.setCookie(sport, SESSION_COOKIE, anonymousSecret ?? "");
    expect(await statusOf(replay, sport)).toBe("unknown");
  });
});

describe("POST /api/sso/login {use_sso: true}", () => {
  it("answers 409 not_known when the status is unknown", async () => {
    const org = await createTestOrg({ mode: "opt_in" });
    const browser = new TestBrowser();
    await visit(browser, org.site("news").host);
    expectErrorShape(await useSso(browser, org.site("news").host), 409, "not_known");
  });

  it("answers 409 not_known when the session is already authenticated", async () => {
    const { news, browser } = await knownOnSport();
    expectErrorShape(await useSso(browser, news), 409, "not_known");
  });

  it("answers 403 sso_disabled when the mode is Disabled (also right after an admin switches it)", async () => {
    const { org, sport, browser } = await knownOnSport();
    await org.setMode("disabled");
    expectErrorShape(await useSso(browser, sport), 403, "sso_disabled");
    expect(await sessionUser(browser, sport)).toBeNull();

    const disabledOrg = await createTestOrg({ mode: "disabled" });
    const other = new TestBrowser();
    await visit(other, disabledOrg.site("news").host);
    expectErrorShape(await useSso(other, disabledOrg.site("news").host), 403, "sso_disabled");
  });

  it("refuses a cross-origin request (Origin: http://evil.example) with 403 csrf_failed", async () => {
    const { sport, browser } = await knownOnSport();
    const response = await useSso(browser, sport, { headers: { origin: "http://evil.example", "sec-fetch-site": "cross-site" } });
    expectErrorShape(response, 403, "csrf_failed");
    // Even a same-origin-looking Sec-Fetch-Site does not override a foreign Origin.
    expectErrorShape(await useSso(browser, sport, { headers: { origin: "http://evil.example" } }), 403, "csrf_failed");
    expect(await statusOf(browser, sport)).toBe("known");
  });

  it("refuses a request with neither Origin nor Sec-Fetch-Site with 403 csrf_failed", async () => {
    const { sport, browser } = await knownOnSport();
    const response = await rawRequest({
      host: sport,
      path: "/api/sso/login",
      method: "POST",
      headers: { "content-type": "application/json", cookie: browser.cookieHeader(sport), "x-forwarded-for": browser.ip },
      body: JSON.stringify({ use_sso: true }),
    });
    expectErrorShape(response, 403, "csrf_failed");
    const crossSite = await useSso(browser, sport, { sameOrigin: false, headers: { "sec-fetch-site": "cross-site" } });
    expectErrorShape(crossSite, 403, "csrf_failed");
    expect(await statusOf(browser, sport)).toBe("known");
  });
});

describe("PUT /api/sso/status/meta", () => {
  it("replaces meta.reader, which GET /api/sso/status then shows (on every site of the token)", async () => {
    const org = await createTestOrg({ mode: "opt_in" });
    const news = org.site("news").host;
    const sport = org.site("sport").host;
    const browser = new TestBrowser();
    await visit(browser, news);
    await visit(browser, sport);

    const first = await putMeta(browser, news, JSON.stringify({ theme: "dark", topics: ["politics", "tech"], n: 3 }));
    expect(first.status, first.body).toBe(200);
    expect(JSON.parse(first.body)).toEqual({ meta: { reader: { theme: "dark", topics: ["politics", "tech"], n: 3 } } });
    expect((await ssoStatus(browser, news)).meta.reader).toEqual({ theme: "dark", topics: ["politics", "tech"], n: 3 });

    const second = await putMeta(browser, sport, JSON.stringify({ fontSize: "large" }));
    expect(second.status, second.body).toBe(200);
    expect((await ssoStatus(browser, news)).meta.reader).toEqual({ fontSize: "large" }); // replaced, not merged
    expect((await ssoStatus(browser, sport)).meta.reader).toEqual({ fontSize: "large" });
  });

  it("accepts a body of exactly 4 KiB and refuses 4 KiB + 1 with 413 payload_too_large", async () => {
    const org = await createTestOrg({ mode: "opt_in" });
    const news = org.site("news").host;
    const browser = new TestBrowser();
    await visit(browser, news);
    const frame = JSON.stringify({ k: "" }).length;
    const exact = JSON.stringify({ k: "x".repeat(4096 - frame) });
    expect(Buffer.byteLength(exact)).toBe(4096);
    const ok = await putMeta(browser, news, exact);
    expect(ok.status, ok.body).toBe(200);
    const over = JSON.stringify({ k: "x".repeat(4097 - frame) });
    expectErrorShape(await putMeta(browser, news, over), 413, "payload_too_large");
    expectErrorShape(await putMeta(browser, news, JSON.stringify({ k: "x".repeat(10_000) })), 413, "payload_too_large");
    expect((await ssoStatus(browser, news)).meta.reader).toEqual(JSON.parse(exact));
  });

  it("answers 409 not_linked for a session that is not linked (Disabled mode)", async () => {
    const org = await createTestOrg({ mode: "disabled" });
    const news = org.site("news").host;
    const browser = new TestBrowser();
    await visit(browser, news);
    expect(browser.cookie(news, SESSION_COOKIE)).not.toBeNull();
    expectErrorShape(await putMeta(browser, news, JSON.stringify({ a: 1 })), 409, "not_linked");
  });

  it.each([
    ["a JSON array", "[1,2,3]"],
    ["a JSON string", '"hello"'],
    ["a JSON number", "42"],
    ["JSON null", "null"],
    ["JSON true", "true"],
  ])("refuses %s with 400", async (_label, body) => {
    const org = await createTestOrg({ mode: "opt_in" });
    const news = org.site("news").host;
    const browser = new TestBrowser();
    await visit(browser, news);
    const response = await putMeta(browser, news, body);
    expectErrorShape(response, 400);
  });

  it("refuses broken JSON with 400 invalid_json, text/plain with 415, and a cross-origin PUT with 403", async () => {
    const org = await createTestOrg({ mode: "opt_in" });
    const news = org.site("news").host;
    const browser = new TestBrowser();
    await visit(browser, news);
    expectErrorShape(await putMeta(browser, news, '{"theme": "dark"'), 400, "invalid_json");
    expectErrorShape(await putMeta(browser, news, JSON.stringify({ a: 1 }), { "content-type": "text/plain" }), 415, "unsupported_media_type");
    expectErrorShape(
      await putMeta(browser, news, JSON.stringify({ a: 1 }), { origin: "http://evil.example", "sec-fetch-site": "cross-site" }),
      403,
      "csrf_failed",
    );
    expect((await ssoStatus(browser, news)).meta.reader).toEqual({});
  });
});

describe("password sign-in on a linked session authenticates the SSO token (§4, §5)", () => {
  it.each([
    ["opt_in", "known"],
    ["auto_login", "authenticated"],
  ] as const)("%s: after signing in on news, sport (linked before) reports %s", async (mode, expected) => {
    const org = await createTestOrg({ mode });
    const news = org.site("news").host;
    const sport = org.site("sport").host;
    const reader = await org.createReader();
    const browser = new TestBrowser();
    await visit(browser, news);
    await visit(browser, sport);
    expect(await statusOf(browser, sport)).toBe("unknown");

    expect((await signInWithPassword(browser, news, reader.email, reader.password)).status).toBeLessThan(400);
    const token = await db.siteSession.findFirstOrThrow({ where: { siteId: org.site("news").id, readerId: reader.id, revokedAt: null }, include: { ssoToken: true } });
    expect(token.ssoToken?.readerId).toBe(reader.id);
    expect(await statusOf(browser, sport)).toBe(expected);
  });

  it("Disabled: signing in on news signs in news only", async () => {
    const org = await createTestOrg({ mode: "disabled" });
    const news = org.site("news").host;
    const sport = org.site("sport").host;
    const reader = await org.createReader();
    const browser = await browserSignedInOn(news, reader);
    await visit(browser, sport);
    expect(await sessionUser(browser, news)).toBe(reader.email);
    expect(await sessionUser(browser, sport)).toBeNull();
  });

  it("a sign-in as a different reader on a linked session re-binds the token (the latest sign-in wins)", async () => {
    const org = await createTestOrg({ mode: "opt_in" });
    const news = org.site("news").host;
    const sport = org.site("sport").host;
    const alice = await org.createReader({ email: `alice-${randomUUID().slice(0, 8)}@example.com` });
    const bob = await org.createReader({ email: `bob-${randomUUID().slice(0, 8)}@example.com` });
    const browser = await browserSignedInOn(news, alice);
    await visit(browser, sport);
    expect((await ssoStatus(browser, sport)).meta.hint?.email).toBe("a•••@example.com");

    expect((await signInWithPassword(browser, news, bob.email, bob.password)).status).toBeLessThan(400);
    const onNews = await ssoStatus(browser, news);
    expect(onNews.user?.email).toBe(bob.email);
    const known = await ssoStatus(browser, sport);
    expect(known.status).toBe("known");
    expect(known.meta.hint?.email).toBe("b•••@example.com");

    const continued = await useSso(browser, sport);
    expect(continued.status, continued.body).toBe(200);
    expect(continued.json.user?.email).toBe(bob.email);
    const session = await db.siteSession.findFirstOrThrow({ where: { siteId: org.site("news").id, readerId: bob.id, revokedAt: null }, include: { ssoToken: true } });
    expect(session.ssoToken?.readerId).toBe(bob.id);
  });
});

describe("password sign-in throttling (§7)", () => {
  it("after 5 wrong passwords for one account from one address, the 6th attempt from there (even the right password) gets 429 rate_limited with Retry-After, auth.lockout is audited, and the owner still signs in from another address", async () => {
    const org = await createTestOrg({ mode: "opt_in" });
    const news = org.site("news").host;
    const reader = await org.createReader();
    const browser = new TestBrowser();
    await visit(browser, news);

    for (let attempt = 1; attempt <= 5; attempt++) {
      const wrong = await signInWithPassword(browser, news, reader.email, `wrong-password-${attempt}`);
      expect(wrong.status, `attempt ${attempt}: ${wrong.body}`).not.toBe(429);
      expect(wrong.status).toBeLessThan(500);
    }
    expect(await statusOf(browser, news)).toBe("unknown");

    const locked = await signInWithPassword(browser, news, reader.email, reader.password);
    expectErrorShape(locked, 429, "rate_limited");
    const retryAfter = Number(locked.headers["retry-after"]);
    expect(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 900).toBe(true);
    expect(await statusOf(browser, news)).toBe("unknown");
    expect(await sessionUser(browser, news)).toBeNull();

    // The lockout is per account AND address: someone else's guessing never stops the owner elsewhere.
    const elsewhere = new TestBrowser();
    await visit(elsewhere, news);
    expect((await signInWithPassword(elsewhere, news, reader.email, reader.password)).status).toBeLessThan(400);
    expect(await sessionUser(elsewhere, news)).not.toBeNull();

    const audit = await db.auditEvent.findMany({ where: { orgId: org.id, type: "auth.lockout" } });
    expect(audit.length).toBeGreaterThanOrEqual(1);
    expect(audit[0]?.readerId).toBe(reader.id);
  });
});

describe("revocation is honoured on the very next request (§5, §8: state is in Postgres)", () => {
  it.each(["opt_in", "auto_login"] as const)("%s: a session revoked in the DB is not authenticated on its next status request", async (mode) => {
    const org = await createTestOrg({ mode });
    const news = org.site("news").host;
    const reader = await org.createReader();
    const browser = await browserSignedInOn(news, reader);
    expect(await statusOf(browser, news)).toBe("authenticated");

    const revoked = await db.siteSession.updateMany({ where: { readerId: reader.id, revokedAt: null }, data: { revokedAt: new Date() } });
    expect(revoked.count).toBe(1);

    const after = await ssoStatus(browser, news);
    expect(after.status).not.toBe("authenticated");
    expect(after.user).toBeNull();
    expect(await sessionUser(browser, news)).toBeNull();
  });
});
