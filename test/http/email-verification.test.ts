// Email verification over HTTP, with the mail read from the run's real SMTP catcher: the
// registration's answers, the link's landing page and its POST, the policy's gate on sign-in.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ACCOUNT_MAIL_PER_ADDRESS } from "@/lib/security/rate-limits";
import { linkIn, mailTo, waitForMail } from "@/scripts/mail/caught-mail";
import { TestBrowser } from "./browser";
import { createTestOrg, type TestOrg } from "./factory";
import { nextAuthPost, signInWithPassword, siteUrl, ssoStatus } from "./flows";

const PASSWORD = "violet-harbour-27";
const newEmail = () => `verify-${randomUUID().slice(0, 8)}@example.com`;

async function requiredOrg(mode: "auto_login" | "disabled" = "auto_login"): Promise<TestOrg> {
  const org = await createTestOrg({ mode });
  await db.organization.update({ where: { id: org.id }, data: { emailVerification: "required" } });
  return org;
}

function confirm(browser: TestBrowser, host: string, token: string, options: { sameOrigin?: boolean } = {}) {
  return browser.request(siteUrl(host, "/api/account/verify-email"), {
    method: "POST",
    body: JSON.stringify({ token }),
    headers: { "content-type": "application/json" },
    sameOrigin: options.sameOrigin ?? true,
  });
}

async function verificationLink(email: string): Promise<{ url: string; token: string }> {
  const mail = await waitForMail(email, /Confirm your email/);
  const url = linkIn(mail, "/verify-email");
  return { url, token: new URL(url).searchParams.get("token") ?? "" };
}

describe("registration answers identically whether or not the email has an account", () => {
  it("under the required policy the status and body are the same for a new and a taken address, and neither signs in", async () => {
    const org = await requiredOrg();
    const host = org.site("news").host;
    const taken = await org.createReader();
    const fresh = await nextAuthPost(new TestBrowser(), host, "register", { email: newEmail(), password: PASSWORD });
    const browser = new TestBrowser();
    const existing = await nextAuthPost(browser, host, "register", { email: taken.email, password: PASSWORD });
    expect(fresh.status).toBe(200);
    expect([existing.status, existing.raw]).toEqual([fresh.status, fresh.raw]);
    expect(fresh.body).toEqual({ status: "check_email", url: "/check-email" });
    expect((await browser.json<{ user?: unknown }>(siteUrl(host, "/api/auth/session"))).json.user).toBeUndefined();
  });
});

describe("email verification by a mailed link", () => {
  it("the link arrives by mail, opening it changes nothing, its button verifies the reader and signs this browser in on every site (Auto Login)", async () => {
    const org = await requiredOrg("auto_login");
    const news = org.site("news").host;
    const email = newEmail();
    const browser = new TestBrowser();
    await browser.navigate(siteUrl(news, "/"));
    await nextAuthPost(browser, news, "register", { email, password: PASSWORD, return: "/articles/x" });
    const { url, token } = await verificationLink(email);
    expect(new URL(url).origin).toBe(new URL(siteUrl(news)).origin);

    // Opening the link (a mail scanner does) uses nothing.
    const page = await new TestBrowser().navigate(url);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Confirm my email");
    const reader = await db.reader.findFirstOrThrow({ where: { orgId: org.id, email } });
    expect(reader.emailVerifiedAt).toBeNull();

    const confirmed = await confirm(browser, news, token);
    expect(confirmed.status).toBe(200);
    expect(JSON.parse(confirmed.body)).toEqual({ verified: true, returnTo: "/articles/x" });
    expect((await db.reader.findUniqueOrThrow({ where: { id: reader.id } })).emailVerifiedAt).not.toBeNull();
    expect((await ssoStatus(browser, news)).user?.email).toBe(email);
    // Verified on one site is verified on all; the SSO token carries the sign-in to the next site.
    await browser.navigate(siteUrl(org.site("sport").host, "/"));
    expect((await ssoStatus(browser, org.site("sport").host)).user?.email).toBe(email);
  });

  it("a verification link is single use", async () => {
    const org = await requiredOrg("disabled");
    const host = org.site("news").host;
    const email = newEmail();
    await nextAuthPost(new TestBrowser(), host, "register", { email, password: PASSWORD });
    const { token } = await verificationLink(email);
    expect((await confirm(new TestBrowser(), host, token)).status).toBe(200);
    const again = await confirm(new TestBrowser(), host, token);
    expect(again.status).toBe(400);
    expect(JSON.parse(again.body)).toMatchObject({ error: { code: "invalid_link" } });
  });

  it("a verification link of another organisation is refused on this organisation's sites", async () => {
    const acme = await requiredOrg("disabled");
    const globex = await requiredOrg("disabled");
    const email = newEmail();
    await nextAuthPost(new TestBrowser(), acme.site("news").host, "register", { email, password: PASSWORD });
    const { token } = await verificationLink(email);
    const foreign = await confirm(new TestBrowser(), globex.site("news").host, token);
    expect(foreign.status).toBe(400);
    // Still good where it belongs: the refused attempt used nothing.
    expect((await confirm(new TestBrowser(), acme.site("news").host, token)).status).toBe(200);
  });

  it("a cross-site request cannot use a verification link (same-origin rule)", async () => {
    const org = await requiredOrg("disabled");
    const host = org.site("news").host;
    const email = newEmail();
    await nextAuthPost(new TestBrowser(), host, "register", { email, password: PASSWORD });
    const { token } = await verificationLink(email);
    const crossSite = await new TestBrowser().request(siteUrl(host, "/api/account/verify-email"), {
      method: "POST",
      body: JSON.stringify({ token }),
      headers: { "content-type": "application/json", origin: "http://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(crossSite.status).toBe(403);
    expect((await db.reader.findFirstOrThrow({ where: { orgId: org.id, email } })).emailVerifiedAt).toBeNull();
  });

  it("verification links point at the site's registered address, whatever host name the registration came in on", async () => {
    const org = await requiredOrg("disabled");
    const news = org.site("news");
    const alias = `alias-${randomUUID().slice(0, 8)}.localhost`;
    await db.siteHostname.create({ data: { hostname: alias, siteId: news.id, isPrimary: false } });
    const email = newEmail();
    await nextAuthPost(new TestBrowser(), alias, "register", { email, password: PASSWORD });
    const { url } = await verificationLink(email);
    expect(new URL(url).host).toBe(new URL(siteUrl(news.host)).host);
  });
});

describe("the verification policy", () => {
  it("under the required policy an unverified reader is not signed in by the right password, and gets a fresh link", async () => {
    const org = await requiredOrg("disabled");
    const host = org.site("news").host;
    const reader = await org.createReader();
    const browser = new TestBrowser();
    const response = await signInWithPassword(browser, host, reader.email, reader.password);
    const body = JSON.parse(response.body) as { url?: string };
    expect(new URL(body.url ?? "", siteUrl(host)).searchParams.get("error")).toMatch(/Confirm your email address first/);
    expect((await browser.json<{ user?: unknown }>(siteUrl(host, "/api/auth/session"))).json.user).toBeUndefined();
    await waitForMail(reader.email, /Confirm your email/);
  });

  it("under the optional policy a new reader is signed in at once and reminded on every page until verified", async () => {
    const org = await createTestOrg({ mode: "disabled" });
    const host = org.site("news").host;
    const email = newEmail();
    const browser = new TestBrowser();
    const registered = await nextAuthPost(browser, host, "register", { email, password: PASSWORD });
    expect(registered.error).toBeNull();
    expect((await browser.navigate(siteUrl(host, "/"))).body).toContain("Please confirm your email address");
    const { token } = await verificationLink(email);
    expect((await confirm(browser, host, token)).status).toBe(200);
    expect((await browser.navigate(siteUrl(host, "/"))).body).not.toContain("Please confirm your email address");
  });

  it("a stranger cannot flood a reader's mailbox with verification mail (resend answers 202 within and past the budget)", async () => {
    const org = await createTestOrg({ mode: "disabled" });
    const host = org.site("news").host;
    const email = newEmail();
    const browser = new TestBrowser();
    await nextAuthPost(browser, host, "register", { email, password: PASSWORD });
    const statuses: number[] = [];
    for (let i = 0; i < ACCOUNT_MAIL_PER_ADDRESS.limit + 2; i++) {
      statuses.push((await browser.request(siteUrl(host, "/api/account/verification/resend"), { method: "POST", body: "{}", headers: { "content-type": "application/json" }, sameOrigin: true })).status);
    }
    expect(new Set(statuses)).toEqual(new Set([202]));
    const written = await db.outboxMail.count({ where: { orgId: org.id, toAddress: email, kind: "reader.verify_email" } });
    // The registration's own mail, plus the budget's worth of resends.
    expect(written).toBe(1 + ACCOUNT_MAIL_PER_ADDRESS.limit);
    expect((await mailTo(email)).length).toBeLessThanOrEqual(written);
  });
});
