// Password reset by mail (issue 16) over HTTP, against the real server and the run's SMTP
// catcher: every rule has a test named after it.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ACCOUNT_MAIL_PER_ADDRESS, ACCOUNT_MAIL_PER_IP } from "@/lib/security/rate-limits";
import { waitForMail } from "@/scripts/mail/caught-mail";
import { appPort, TestBrowser } from "./browser";
import { createTestOrg } from "./factory";
import { signInWithPassword, siteUrl, ssoStatus } from "./flows";
import { askReset, completeReset, mailedLink, outboxCount, readerSignedIn } from "./mail-steps";
import { browserSignedInOn, expectErrorShape, visit } from "./scenarios";
import { ssoTokenOf } from "./sso-steps";

const NEW_PASSWORD = "lantern-orchard-93";
const RESET_SUBJECT = /^Reset your password/;
const RESET_KIND = "reader.password_reset";

async function resetLinkFor(email: string, host: string, browser = new TestBrowser()) {
  const asked = new Date();
  expect((await askReset(browser, host, email)).status).toBe(202);
  return mailedLink(email, RESET_SUBJECT, "/reset-password", asked);
}

describe("password reset: asking", () => {
  it("answers known and unknown addresses identically (status and body), and writes a mail only for the known one", async () => {
    const org = await createTestOrg({ mode: "disabled", sites: ["news"] });
    const host = org.site("news").host;
    const reader = await org.createReader();
    const unknown = `nobody-${randomUUID().slice(0, 8)}@example.com`;
    const known = await askReset(new TestBrowser(), host, reader.email);
    const stranger = await askReset(new TestBrowser(), host, unknown);
    expect(known.status).toBe(202);
    expect(stranger.status).toBe(known.status);
    expect(stranger.body).toBe(known.body);
    expect(await outboxCount(reader.email, RESET_KIND)).toBe(1);
    expect(await outboxCount(unknown, RESET_KIND)).toBe(0);
    await waitForMail(reader.email, RESET_SUBJECT);
  });

  it(`per-address mail budget: past ${ACCOUNT_MAIL_PER_ADDRESS.limit} requests an hour, the next writes no mail but answers the same`, async () => {
    const org = await createTestOrg({ mode: "disabled", sites: ["news"] });
    const host = org.site("news").host;
    const reader = await org.createReader();
    const answers: string[] = [];
    // From a different address each time: the per-IP budget is not what stops it.
    for (let i = 0; i <= ACCOUNT_MAIL_PER_ADDRESS.limit; i++) {
      const answer = await askReset(new TestBrowser(), host, reader.email);
      expect(answer.status).toBe(202);
      answers.push(answer.body);
    }
    expect(new Set(answers).size).toBe(1);
    expect(await outboxCount(reader.email, RESET_KIND)).toBe(ACCOUNT_MAIL_PER_ADDRESS.limit);
  });

  it(`per-IP budget: one client address asking for many addresses gets 429 past ${ACCOUNT_MAIL_PER_IP.limit} an hour, whatever the addresses`, async () => {
    const org = await createTestOrg({ mode: "disabled", sites: ["news"] });
    const host = org.site("news").host;
    const reader = await org.createReader();
    const sprayer = new TestBrowser();
    for (let i = 0; i < ACCOUNT_MAIL_PER_IP.limit; i++) expect((await askReset(sprayer, host, `spray-${i}-${randomUUID().slice(0, 6)}@example.com`)).status).toBe(202);
    expectErrorShape(await askReset(sprayer, host, reader.email), 429, "rate_limited");
    expect(await outboxCount(reader.email, RESET_KIND)).toBe(0);
  });

  it("reset links are built from the site's registered origin, not the Host header the request came with", async () => {
    const org = await createTestOrg({ mode: "disabled", sites: ["news"] });
    const news = org.site("news");
    // A second name that also serves the site: the request comes in on it, with a forged X-Forwarded-Host.
    const alias = `alias-${randomUUID().slice(0, 8)}.localhost`;
    await db.siteHostname.create({ data: { hostname: alias, siteId: news.id, isPrimary: false } });
    const reader = await org.createReader();
    const asked = new Date();
    const browser = new TestBrowser();
    const answer = await browser.request(siteUrl(alias, "/api/account/password-reset"), {
      method: "POST",
      body: JSON.stringify({ email: reader.email }),
      sameOrigin: true,
      headers: { "x-forwarded-host": "evil.example" },
    });
    expect(answer.status, answer.body).toBe(202);
    const { url } = await mailedLink(reader.email, RESET_SUBJECT, "/reset-password", asked);
    expect(new URL(url).origin).toBe(`http://${news.host}:${appPort()}`);
  });

  it("a cross-origin request is refused (403 csrf_failed) and writes no mail", async () => {
    const org = await createTestOrg({ mode: "disabled", sites: ["news"] });
    const reader = await org.createReader();
    const answer = await new TestBrowser().request(siteUrl(org.site("news").host, "/api/account/password-reset"), {
      method: "POST",
      body: JSON.stringify({ email: reader.email }),
      headers: { origin: "http://evil.example", "sec-fetch-site": "cross-site" },
    });
    expectErrorShape(answer, 403, "csrf_failed");
    expect(await outboxCount(reader.email, RESET_KIND)).toBe(0);
  });
});

describe("password reset: the link", () => {
  it("GET of the reset page never uses the link (mail scanners prefetch it)", async () => {
    const org = await createTestOrg({ mode: "disabled", sites: ["news"] });
    const host = org.site("news").host;
    const reader = await org.createReader();
    const { url, token } = await resetLinkFor(reader.email, host);
    const scanner = new TestBrowser();
    for (let i = 0; i < 3; i++) {
      const page = await scanner.navigate(url);
      expect(page.status).toBe(200);
      expect(page.body).toContain("Choose a new password");
    }
    expect((await completeReset(new TestBrowser(), host, token, NEW_PASSWORD)).status).toBe(200);
  });

  it("a reset link is single use", async () => {
    const org = await createTestOrg({ mode: "disabled", sites: ["news"] });
    const host = org.site("news").host;
    const reader = await org.createReader();
    const { url, token } = await resetLinkFor(reader.email, host);
    expect((await completeReset(new TestBrowser(), host, token, NEW_PASSWORD)).status).toBe(200);
    expectErrorShape(await completeReset(new TestBrowser(), host, token, "another-river-55"), 400, "invalid_link");
    expect((await new TestBrowser().navigate(url)).body).toContain("This link no longer works");
  });

  it("a newer reset link voids the older", async () => {
    const org = await createTestOrg({ mode: "disabled", sites: ["news"] });
    const host = org.site("news").host;
    const reader = await org.createReader();
    const older = await resetLinkFor(reader.email, host);
    const newer = await resetLinkFor(reader.email, host);
    expect(newer.token).not.toBe(older.token);
    expectErrorShape(await completeReset(new TestBrowser(), host, older.token, NEW_PASSWORD), 400, "invalid_link");
    expect((await completeReset(new TestBrowser(), host, newer.token, NEW_PASSWORD)).status).toBe(200);
  });

  it("a successful password sign-in voids an unused reset link", async () => {
    const org = await createTestOrg({ mode: "disabled", sites: ["news"] });
    const host = org.site("news").host;
    const reader = await org.createReader();
    const { token } = await resetLinkFor(reader.email, host);
    await browserSignedInOn(host, reader);
    expectErrorShape(await completeReset(new TestBrowser(), host, token, NEW_PASSWORD), 400, "invalid_link");
  });

  it("the new password must pass the password policy, and a refused one does not use up the link", async () => {
    const org = await createTestOrg({ mode: "disabled", sites: ["news"] });
    const host = org.site("news").host;
    const reader = await org.createReader();
    const { token } = await resetLinkFor(reader.email, host);
    const weak = await completeReset(new TestBrowser(), host, token, "password123");
    expectErrorShape(weak, 400, "validation_failed");
    expect(weak.body).toMatch(/too common/);
    expect((await completeReset(new TestBrowser(), host, token, NEW_PASSWORD)).status).toBe(200);
  });
});

describe("password reset: setting the new password", () => {
  it("reset revokes every other session and SSO token of the reader but keeps this browser signed in and linked (SSO then signs it in on the other sites)", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news", "sport"] });
    const news = org.site("news").host;
    const sport = org.site("sport").host;
    const reader = await org.createReader();
    // Another device, signed in with the old password on both sites (by SSO on the second).
    const other = await browserSignedInOn(news, reader);
    await visit(other, sport);
    expect(await readerSignedIn(other, sport)).toBe(reader.id);
    const otherToken = await ssoTokenOf(other, org);

    const resetter = new TestBrowser();
    await visit(resetter, news);
    const { url, token } = await resetLinkFor(reader.email, news, resetter);
    expect((await resetter.navigate(url)).status).toBe(200);
    const done = await completeReset(resetter, news, token, NEW_PASSWORD);
    expect(done.status, done.body).toBe(200);

    // This browser: signed in and linked here, and by SSO on the other site.
    expect(await readerSignedIn(resetter, news)).toBe(reader.id);
    expect((await ssoStatus(resetter, news)).status).toBe("authenticated");
    await visit(resetter, sport);
    expect(await readerSignedIn(resetter, sport)).toBe(reader.id);

    // The other device: signed out everywhere, its SSO token no longer the reader's.
    expect(await readerSignedIn(other, news)).toBeNull();
    await visit(other, sport);
    expect(await readerSignedIn(other, sport)).toBeNull();
    expect((await db.ssoToken.findUnique({ where: { id: otherToken!.id } }))?.readerId ?? null).toBeNull();
    expect(await db.siteSession.count({ where: { readerId: reader.id, revokedAt: null, ssoTokenId: otherToken!.id } })).toBe(0);

    // The old password is gone, the new one works; the mailbox is proved.
    expect(await readerSignedIn(await signedInOrNot(news, reader.email, reader.password), news)).toBeNull();
    expect(await readerSignedIn(await signedInOrNot(news, reader.email, NEW_PASSWORD), news)).toBe(reader.id);
    expect((await db.reader.findUnique({ where: { id: reader.id } }))?.emailVerifiedAt).not.toBeNull();
  });

  it("reset under Disabled signs this browser in and ends the reader's other sessions", async () => {
    const org = await createTestOrg({ mode: "disabled", sites: ["news"] });
    const host = org.site("news").host;
    const reader = await org.createReader();
    const other = await browserSignedInOn(host, reader);
    const resetter = new TestBrowser();
    const { token } = await resetLinkFor(reader.email, host, resetter);
    expect((await completeReset(resetter, host, token, NEW_PASSWORD)).status).toBe(200);
    expect(await readerSignedIn(resetter, host)).toBe(reader.id);
    expect(await readerSignedIn(other, host)).toBeNull();
  });
});

async function signedInOrNot(host: string, email: string, password: string): Promise<TestBrowser> {
  const browser = new TestBrowser();
  await browser.navigate(siteUrl(host, "/"));
  await signInWithPassword(browser, host, email, password);
  return browser;
}
