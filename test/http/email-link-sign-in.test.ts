// Sign-in by emailed link (issue 16) over HTTP, against the real server and the run's SMTP
// catcher: the link on any browser, the code on the asking browser, and the rules around them.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { SIGN_IN_CODE_MAX_ATTEMPTS } from "@/lib/account/email-links";
import { TestBrowser } from "./browser";
import { createTestOrg } from "./factory";
import { siteUrl, ssoStatus } from "./flows";
import { askSignInLink, completeSignInLink, mailedLink, outboxCount, readerSignedIn } from "./mail-steps";
import { expectErrorShape, visit } from "./scenarios";

const SUBJECT = /^Your sign-in link/;
const KIND = "reader.sign_in_link";
const LINK_COOKIE = "__Host-mss_email_link";

async function linkFor(email: string, host: string, browser: TestBrowser, returnTo?: string) {
  const asked = new Date();
  expect((await askSignInLink(browser, host, email, returnTo)).status).toBe(202);
  return mailedLink(email, SUBJECT, "/signin/link", asked);
}

function wrongCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, "0");
}

describe("sign-in by emailed link: asking", () => {
  it("answers known and unknown addresses identically (status, body, a link cookie), and writes a mail only for the known one", async () => {
    const org = await createTestOrg({ mode: "disabled", sites: ["news"] });
    const host = org.site("news").host;
    const reader = await org.createReader();
    const unknown = `nobody-${randomUUID().slice(0, 8)}@example.com`;
    const a = new TestBrowser();
    const b = new TestBrowser();
    const known = await askSignInLink(a, host, reader.email);
    const stranger = await askSignInLink(b, host, unknown);
    expect(known.status).toBe(202);
    expect(stranger.status).toBe(known.status);
    expect(stranger.body).toBe(known.body);
    expect(a.cookie(host, LINK_COOKIE)).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.cookie(host, LINK_COOKIE)).toMatch(/^[0-9a-f-]{36}$/);
    expect(await outboxCount(reader.email, KIND)).toBe(1);
    expect(await outboxCount(unknown, KIND)).toBe(0);
  });

  it("a wrong code answers the same after asking for a known or an unknown address", async () => {
    const org = await createTestOrg({ mode: "disabled", sites: ["news"] });
    const host = org.site("news").host;
    const reader = await org.createReader();
    const a = new TestBrowser();
    const b = new TestBrowser();
    const { code } = await linkFor(reader.email, host, a);
    await askSignInLink(b, host, `nobody-${randomUUID().slice(0, 8)}@example.com`);
    const onKnown = await completeSignInLink(a, host, { code: wrongCode(code!) });
    const onUnknown = await completeSignInLink(b, host, { code: wrongCode(code!) });
    expectErrorShape(onKnown, 400, "invalid_link");
    expect(onUnknown.status).toBe(onKnown.status);
    expect(onUnknown.body).toBe(onKnown.body);
  });

  it("the switch off refuses: no option on the sign-in page, and every endpoint answers 403", async () => {
    const org = await createTestOrg({ mode: "disabled", sites: ["news"] });
    const host = org.site("news").host;
    const reader = await org.createReader();
    const browser = new TestBrowser();
    const { token } = await linkFor(reader.email, host, browser);
    expect((await browser.navigate(siteUrl(host, "/signin"))).body).toContain("Email me a sign-in link");
    await db.organization.update({ where: { id: org.id }, data: { emailLinkSignIn: false } });
    expect((await browser.navigate(siteUrl(host, "/signin"))).body).not.toContain("Email me a sign-in link");
    expectErrorShape(await askSignInLink(browser, host, reader.email), 403, "forbidden");
    expectErrorShape(await completeSignInLink(browser, host, { token }), 403, "forbidden");
    expectErrorShape(await completeSignInLink(browser, host, { code: "123456" }), 403, "forbidden");
    expect(await readerSignedIn(browser, host)).toBeNull();
  });
});

describe("sign-in by emailed link: the link", () => {
  it("GET of the link page never uses the link, and shows whom it signs in (masked)", async () => {
    const org = await createTestOrg({ mode: "disabled", sites: ["news"] });
    const host = org.site("news").host;
    const reader = await org.createReader({ email: `linda-${randomUUID().slice(0, 8)}@example.com` });
    const { url, token } = await linkFor(reader.email, host, new TestBrowser());
    const scanner = new TestBrowser();
    for (let i = 0; i < 3; i++) {
      const page = await scanner.navigate(url);
      expect(page.status).toBe(200);
      expect(page.body).toContain("l•••@example.com");
    }
    expect(await readerSignedIn(scanner, host)).toBeNull();
    const other = new TestBrowser();
    expect((await completeSignInLink(other, host, { token })).status).toBe(200);
  });

  it("a sign-in link is single use, signs in the browser that opens it (another device) and authenticates its SSO token", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news", "sport"] });
    const news = org.site("news").host;
    const sport = org.site("sport").host;
    const reader = await org.createReader();
    const asker = new TestBrowser();
    await visit(asker, news);
    const { url, token } = await linkFor(reader.email, news, asker, "/articles/welcome");
    const phone = new TestBrowser();
    expect((await phone.navigate(url)).status).toBe(200);
    const done = await completeSignInLink(phone, news, { token });
    expect(done.status, done.body).toBe(200);
    expect(done.json?.returnTo).toBe("/articles/welcome");
    expect(await readerSignedIn(phone, news)).toBe(reader.id);
    expect((await ssoStatus(phone, news)).status).toBe("authenticated");
    await visit(phone, sport);
    expect(await readerSignedIn(phone, sport)).toBe(reader.id);
    // Used: neither the link again nor the asking browser's code.
    expectErrorShape(await completeSignInLink(new TestBrowser(), news, { token }), 400, "invalid_link");
    expect(await readerSignedIn(asker, news)).toBeNull();
    expect((await db.reader.findUnique({ where: { id: reader.id } }))?.emailVerifiedAt).not.toBeNull();
  });

  it("a newer sign-in link voids the older", async () => {
    const org = await createTestOrg({ mode: "disabled", sites: ["news"] });
    const host = org.site("news").host;
    const reader = await org.createReader();
    const older = await linkFor(reader.email, host, new TestBrowser());
    const newer = await linkFor(reader.email, host, new TestBrowser());
    expectErrorShape(await completeSignInLink(new TestBrowser(), host, { token: older.token }), 400, "invalid_link");
    expect((await completeSignInLink(new TestBrowser(), host, { token: newer.token })).status).toBe(200);
  });
});

describe("sign-in by emailed link: the code", () => {
  it("the code signs in the browser that asked; the same code from another browser is refused", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news", "sport"] });
    const news = org.site("news").host;
    const reader = await org.createReader();
    const asker = new TestBrowser();
    await visit(asker, news);
    const { code } = await linkFor(reader.email, news, asker);
    const stranger = new TestBrowser();
    await visit(stranger, news);
    expectErrorShape(await completeSignInLink(stranger, news, { code: code! }), 400, "invalid_link");
    const done = await completeSignInLink(asker, news, { code: code! });
    expect(done.status, done.body).toBe(200);
    expect(await readerSignedIn(asker, news)).toBe(reader.id);
    expect(await readerSignedIn(stranger, news)).toBeNull();
    await visit(asker, org.site("sport").host);
    expect(await readerSignedIn(asker, org.site("sport").host)).toBe(reader.id);
  });

  it(`code attempts are capped: after ${SIGN_IN_CODE_MAX_ATTEMPTS} wrong codes even the right one is refused, and so is the link`, async () => {
    const org = await createTestOrg({ mode: "disabled", sites: ["news"] });
    const host = org.site("news").host;
    const reader = await org.createReader();
    const asker = new TestBrowser();
    const { code, token } = await linkFor(reader.email, host, asker);
    for (let i = 0; i < SIGN_IN_CODE_MAX_ATTEMPTS; i++) expectErrorShape(await completeSignInLink(asker, host, { code: wrongCode(code!) }), 400, "invalid_link");
    expectErrorShape(await completeSignInLink(asker, host, { code: code! }), 400, "invalid_link");
    expectErrorShape(await completeSignInLink(new TestBrowser(), host, { token }), 400, "invalid_link");
    expect(await readerSignedIn(asker, host)).toBeNull();
  });
});
