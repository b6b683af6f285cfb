// Reader accounts over HTTP (issue: reader experience): registration and sign-in through
// next-auth, form errors that do not reveal accounts, the Opt In prompt's "Not now", the
// account page's actions.
import type { OwnSessions } from "@/lib/account/own-sessions";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { TestBrowser } from "./browser";
import { createTestOrg } from "./factory";
import { nextAuthPost, signInWithPassword, siteUrl, ssoStatus } from "./flows";

const email = () => `new-${randomUUID().slice(0, 8)}@example.com`;

describe("registration", () => {
  it("creates the reader with an argon2id hash and signs this session in, rotating its secret", async () => {
    const org = await createTestOrg({ mode: "disabled" });
    const host = org.site("news").host;
    const browser = new TestBrowser();
    await browser.navigate(siteUrl(host, "/"));
    const before = browser.cookie(host, "__Host-mss_session");
    const address = email();
    const result = await nextAuthPost(browser, host, "register", { email: address.toUpperCase(), password: "violet-harbour-27", name: "Nia New" });
    expect(result).toMatchObject({ status: 200, error: null });
    const reader = await db.reader.findUnique({ where: { orgId_email: { orgId: org.id, email: address } } });
    expect(reader?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(browser.cookie(host, "__Host-mss_session")).not.toBe(before);
    // Under Disabled the session is signed in but not linked: SSO status stays `unknown` (design §5).
    expect((await ssoStatus(browser, host)).status).toBe("unknown");
    expect((await browser.json<{ user?: { email: string } }>(siteUrl(host, "/api/auth/session"))).json.user?.email).toBe(address);
    const page = await browser.navigate(siteUrl(host, "/"));
    expect(page.body).toContain("Signed in as <!-- -->Nia New");
  });

  it("never signs anyone in to an email already registered in this organisation, case-insensitively: the answer is 'check your email', and the owner is mailed", async () => {
    const org = await createTestOrg({ mode: "disabled" });
    const existing = await org.createReader();
    const browser = new TestBrowser();
    const result = await nextAuthPost(browser, org.site("news").host, "register", { email: existing.email.toUpperCase(), password: "violet-harbour-27" });
    expect(result).toMatchObject({ status: 200, error: null, body: { status: "check_email", url: "/check-email" } });
    expect((await browser.json<{ user?: unknown }>(siteUrl(org.site("news").host, "/api/auth/session"))).json.user).toBeUndefined();
    expect(await db.outboxMail.count({ where: { orgId: org.id, toAddress: existing.email, kind: "reader.already_registered" } })).toBe(1);
  });

  it("allows the same email in another organisation (readers are org-scoped)", async () => {
    const acme = await createTestOrg({ mode: "disabled" });
    const globex = await createTestOrg({ mode: "disabled" });
    const shared = await acme.createReader();
    const result = await nextAuthPost(new TestBrowser(), globex.site("news").host, "register", { email: shared.email, password: "violet-harbour-27" });
    expect(result.error).toBeNull();
  });

  it.each([
    ["short1", /at least 10/],
    ["password123", /too common/],
  ])("refuses a weak password (%s) with a clear message", async (password, message) => {
    const org = await createTestOrg({ mode: "disabled" });
    const result = await nextAuthPost(new TestBrowser(), org.site("news").host, "register", { email: email(), password });
    expect(result.error).toMatch(message);
    expect(await db.reader.count({ where: { orgId: org.id } })).toBe(0);
  });
  it("a display name with a bidirectional override or control character is refused at registration, and nothing is stored", async () => {
    const org = await createTestOrg({ mode: "disabled" });
    const result = await nextAuthPost(new TestBrowser(), org.site("news").host, "register", { email: email(), password: "violet-harbour-27", name: "O'Brien\u202Eevil" });
    expect(result.error).toMatch(/^Your name contains an invisible or control character/);
    expect(await db.reader.count({ where: { orgId: org.id } })).toBe(0);
  });

  it("a name over the limit gets a message that names the field, not zod's wording", async () => {
    const org = await createTestOrg({ mode: "disabled" });
    const result = await nextAuthPost(new TestBrowser(), org.site("news").host, "register", { email: email(), password: "violet-harbour-27", name: "n".repeat(81) });
    expect(result.error).toBe("Your name can be at most 80 characters long.");
  });
});

describe("sign-in", () => {
  it("a wrong password and an unknown email get the same answer (no account enumeration)", async () => {
    const org = await createTestOrg({ mode: "disabled" });
    const reader = await org.createReader();
    const host = org.site("news").host;
    const wrong = await nextAuthPost(new TestBrowser(), host, "credentials", { email: reader.email, password: "not-the-password" });
    const unknown = await nextAuthPost(new TestBrowser(), host, "credentials", { email: email(), password: "not-the-password" });
    expect(wrong.error).toBe("CredentialsSignin");
    expect(unknown.error).toBe("CredentialsSignin");
    expect(wrong.status).toBe(unknown.status);
  });

  it("a reader of one organisation cannot sign in on another organisation's site", async () => {
    const acme = await createTestOrg({ mode: "disabled" });
    const globex = await createTestOrg({ mode: "disabled" });
    const reader = await acme.createReader();
    const result = await nextAuthPost(new TestBrowser(), globex.site("news").host, "credentials", { email: reader.email, password: reader.password });
    expect(result.error).toBe("CredentialsSignin");
  });

  it("failed sign-ins are throttled per IP across accounts: the 21st failure from one address gets 429", async () => {
    const org = await createTestOrg({ mode: "disabled" });
    const host = org.site("news").host;
    const browser = new TestBrowser();
    for (let i = 0; i < 20; i++) {
      const result = await nextAuthPost(browser, host, "credentials", { email: email(), password: "wrong-password-x" });
      expect(result.error).toBe("CredentialsSignin");
    }
    const reader = await org.createReader();
    const blocked = await nextAuthPost(browser, host, "credentials", { email: reader.email, password: reader.password });
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ error: { code: "rate_limited" } });
    // Another address is not affected.
    expect((await nextAuthPost(new TestBrowser(), host, "credentials", { email: reader.email, password: reader.password })).error).toBeNull();
  });

  it("signing in rotates the site session secret; the old cookie no longer identifies anyone", async () => {
    const org = await createTestOrg({ mode: "disabled" });
    const reader = await org.createReader();
    const host = org.site("news").host;
    const browser = new TestBrowser();
    await browser.navigate(siteUrl(host, "/"));
    const before = browser.cookie(host, "__Host-mss_session") ?? "";
    await signInWithPassword(browser, host, reader.email, reader.password);
    const thief = new TestBrowser();
    thief.setCookie(host, "__Host-mss_session", before);
    expect((await ssoStatus(thief, host)).user).toBeNull();
  });

  it("a session revoked server-side is signed out on its very next request, next-auth's cookie notwithstanding", async () => {
    const org = await createTestOrg({ mode: "disabled" });
    const reader = await org.createReader();
    const host = org.site("news").host;
    const browser = new TestBrowser();
    await browser.navigate(siteUrl(host, "/"));
    await signInWithPassword(browser, host, reader.email, reader.password);
    expect((await browser.json<{ user?: unknown }>(siteUrl(host, "/api/auth/session"))).json.user).toBeTruthy();
    await db.siteSession.updateMany({ where: { readerId: reader.id }, data: { revokedAt: new Date() } });
    expect((await browser.navigate(siteUrl(host, "/"))).body).not.toContain("Signed in as");
    expect((await browser.json<{ user?: unknown }>(siteUrl(host, "/api/auth/session"))).json.user).toBeUndefined();
  });
});

describe("Opt In prompt", () => {
  it("shows on a site where the reader is known, and 'Not now' keeps it away across reloads on that site only", async () => {
    const org = await createTestOrg({ mode: "opt_in" });
    const reader = await org.createReader();
    const browser = new TestBrowser();
    const [news, sport, recipes] = [org.site("news").host, org.site("sport").host, org.site("recipes").host];
    await browser.navigate(siteUrl(news, "/"));
    await signInWithPassword(browser, news, reader.email, reader.password);

    const sportPage = await browser.navigate(siteUrl(sport, "/"));
    expect(sportPage.body).toContain('data-testid="consent-prompt"');
    expect(sportPage.body).toContain(`as ${reader.email[0]}•••@example.com`);
    expect((await browser.json(siteUrl(sport, "/api/sso/prompt/dismiss"), { method: "POST", body: {} })).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      expect((await browser.navigate(siteUrl(sport, "/"))).body).not.toContain('data-testid="consent-prompt"');
    }
    expect((await ssoStatus(browser, sport)).meta.promptDismissed).toBe(true);
    // Per site: recipes still offers it.
    expect((await browser.navigate(siteUrl(recipes, "/"))).body).toContain('data-testid="consent-prompt"');
  });

  it("is never shown under Auto Login or Disabled", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const reader = await org.createReader();
    const browser = new TestBrowser();
    await browser.navigate(siteUrl(org.site("news").host, "/"));
    await signInWithPassword(browser, org.site("news").host, reader.email, reader.password);
    expect((await browser.navigate(siteUrl(org.site("sport").host, "/"))).body).not.toContain('data-testid="consent-prompt"');
  });
});

describe("account page", () => {
  it("lists the reader's sessions on every site of the organisation and signs out one of them", async () => {
    const org = await createTestOrg({ mode: "opt_in" });
    const reader = await org.createReader();
    const browser = new TestBrowser();
    const [news, sport] = [org.site("news").host, org.site("sport").host];
    await browser.navigate(siteUrl(news, "/"));
    await signInWithPassword(browser, news, reader.email, reader.password);
    await browser.navigate(siteUrl(sport, "/"));
    await browser.json(siteUrl(sport, "/api/sso/login"), { method: "POST", body: { use_sso: true } });

    const account = await browser.navigate(siteUrl(news, "/account"));
    expect(account.status).toBe(200);
    expect(account.body).toContain(org.site("sport").name);
    // The page lists the sessions from the reader's sessions API (GET /api/account/sessions).
    const listed = await browser.json<OwnSessions>(siteUrl(news, "/api/account/sessions"));
    expect(listed.json.sessions.find((s) => s.site.id === org.site("sport").id)?.method).toBe("sso_opt_in");

    const sportSession = await db.siteSession.findFirstOrThrow({ where: { siteId: org.site("sport").id, readerId: reader.id, revokedAt: null } });
    const revoke = await browser.json(siteUrl(news, `/api/account/sessions/${sportSession.id}/revoke`), { method: "POST", body: {} });
    expect(revoke.status).toBe(200);
    expect((await ssoStatus(browser, sport)).status).not.toBe("authenticated");
  });

  it("under Auto Login, signing a browser out of one site from the account page keeps that site signed out in that browser until the reader signs in there", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const reader = await org.createReader();
    const browser = new TestBrowser();
    const [news, sport] = [org.site("news").host, org.site("sport").host];
    await browser.navigate(siteUrl(news, "/"));
    await signInWithPassword(browser, news, reader.email, reader.password);
    expect((await browser.navigate(siteUrl(sport, "/"))).body).toContain("Signed in as");

    const sportSession = await db.siteSession.findFirstOrThrow({ where: { siteId: org.site("sport").id, readerId: reader.id, revokedAt: null } });
    const revoke = await browser.json(siteUrl(news, `/api/account/sessions/${sportSession.id}/revoke`), { method: "POST", body: {} });
    expect(revoke.status).toBe(200);

    // The next visits to sport in this browser stay signed out (Auto Login used to sign it straight back in)…
    for (let visit = 0; visit < 2; visit++) {
      expect((await browser.navigate(siteUrl(sport, "/"))).body, `visit ${visit}`).not.toContain("Signed in as");
      expect((await ssoStatus(browser, sport)).status).toBe("known");
    }
    // …news is untouched, and the account page says what stays signed out where.
    const account = await browser.navigate(siteUrl(news, "/account"));
    expect(account.body).toContain("Signed in as");
    // The account page says it from the sessions API's signedOutSites (e2e/reader-pages.spec.ts reads the words).
    const signedOut = async () => Object.values((await browser.json<OwnSessions>(siteUrl(news, "/api/account/sessions"))).json.signedOutSites).flat();
    expect(await signedOut()).toEqual([{ siteId: org.site("sport").id, siteName: org.site("sport").name }]);

    // Signing in on sport (here: Continue, with no password) lifts it; Auto Login works there again.
    const login = await browser.json(siteUrl(sport, "/api/sso/login"), { method: "POST", body: { use_sso: true } });
    expect(login.status).toBe(200);
    expect((await ssoStatus(browser, sport)).status).toBe("authenticated");
    expect(await signedOut()).toEqual([]);
  });

  it("cannot revoke another reader's session (reads as not found)", async () => {
    const org = await createTestOrg({ mode: "disabled" });
    const [alice, bob] = [await org.createReader(), await org.createReader()];
    const host = org.site("news").host;
    const a = new TestBrowser();
    const b = new TestBrowser();
    await a.navigate(siteUrl(host, "/"));
    await b.navigate(siteUrl(host, "/"));
    await signInWithPassword(a, host, alice.email, alice.password);
    await signInWithPassword(b, host, bob.email, bob.password);
    const bobs = await db.siteSession.findFirstOrThrow({ where: { readerId: bob.id, revokedAt: null } });
    const attempt = await a.json(siteUrl(host, `/api/account/sessions/${bobs.id}/revoke`), { method: "POST", body: {} });
    expect(attempt.status).toBe(404);
    expect((await b.navigate(siteUrl(host, "/"))).body).toContain("Signed in as");
  });

  it("withdrawing Opt In consent signs that site out and stops the prompt there", async () => {
    const org = await createTestOrg({ mode: "opt_in" });
    const reader = await org.createReader();
    const browser = new TestBrowser();
    const [news, sport] = [org.site("news").host, org.site("sport").host];
    await browser.navigate(siteUrl(news, "/"));
    await signInWithPassword(browser, news, reader.email, reader.password);
    await browser.navigate(siteUrl(sport, "/"));
    await browser.json(siteUrl(sport, "/api/sso/login"), { method: "POST", body: { use_sso: true } });
    const withdraw = await browser.json(siteUrl(news, `/api/account/consents/${org.site("sport").id}/withdraw`), { method: "POST", body: {} });
    expect(withdraw.json).toMatchObject({ withdrawn: true, revokedSessions: 1 });
    const sportPage = await browser.navigate(siteUrl(sport, "/"));
    expect(sportPage.body).not.toContain("Signed in as");
    expect(sportPage.body).not.toContain('data-testid="consent-prompt"');
  });

  it("redirects a signed-out visitor to the sign-in page", async () => {
    const org = await createTestOrg({ mode: "disabled" });
    const response = await new TestBrowser().request(siteUrl(org.site("news").host, "/account"), { navigation: true });
    expect(response.status).toBeGreaterThanOrEqual(300);
    expect(response.status).toBeLessThan(400);
    expect(response.headers.location).toContain("/signin?return=/account");
  });
});
