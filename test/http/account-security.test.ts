// The account page's security actions over HTTP (issue 16): change password, change email,
// resend verification. Mail is read from the run's SMTP catcher (MAIL_CATCHER_URL).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { verifyPassword } from "@/lib/auth/password";
import { SIGNIN_FAILURE_PER_ACCOUNT_AND_IP } from "@/lib/security/rate-limits";
import { linkIn, mailTo, waitForMail } from "@/scripts/mail/caught-mail";
import { TestBrowser } from "./browser";
import { createTestOrg, type TestOrg } from "./factory";
import { signInWithPassword, siteUrl, ssoStatus } from "./flows";

const NEW_PASSWORD = "amber-lighthouse-93";
const freshEmail = (prefix = "new") => `${prefix}-${randomUUID().slice(0, 8)}@example.com`;

async function signedIn(org: TestOrg, reader: { email: string; password: string }, site = "news") {
  const browser = new TestBrowser();
  const host = org.site(site).host;
  await browser.navigate(siteUrl(host, "/"));
  const response = await signInWithPassword(browser, host, reader.email, reader.password);
  expect(response.status).toBe(200);
  return browser;
}

/** Who this browser is signed in as on `host`: a password sign-in (next-auth's session) or one made by SSO (the status). */
async function sessionEmail(browser: TestBrowser, host: string): Promise<string | null> {
  const status = await ssoStatus(browser, host);
  if (status.status === "authenticated") return status.user?.email ?? null;
  return (await browser.json<{ user?: { email: string } }>(siteUrl(host, "/api/auth/session"))).json.user?.email ?? null;
}

function post<T = { error?: { code: string; message: string } }>(browser: TestBrowser, host: string, path: string, body: unknown) {
  return browser.json<T & { error?: { code: string; message: string } }>(siteUrl(host, path), { method: "POST", body });
}

describe("change password", () => {
  it("changing the password requires the current one: a wrong one is refused 403 and the password stays", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const reader = await org.createReader();
    const host = org.site("news").host;
    const browser = await signedIn(org, reader);
    const wrong = await post(browser, host, "/api/account/password", { currentPassword: "not-my-password", newPassword: NEW_PASSWORD, signOutOtherDevices: false });
    expect(wrong.status).toBe(403);
    expect(wrong.json.error).toEqual({ code: "forbidden", message: "Your current password is not right." });
    const stored = await db.reader.findUniqueOrThrow({ where: { id: reader.id } });
    expect(await verifyPassword(stored.passwordHash, reader.password)).toBe(true);
  });

  it("a wrong current password counts as a failed sign-in: past the sign-in budget even the right one is refused 429", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const reader = await org.createReader();
    const host = org.site("news").host;
    const browser = await signedIn(org, reader);
    for (let i = 0; i < SIGNIN_FAILURE_PER_ACCOUNT_AND_IP.limit; i++) {
      const wrong = await post(browser, host, "/api/account/password", { currentPassword: `guess-${i}`, newPassword: NEW_PASSWORD, signOutOtherDevices: false });
      expect(wrong.status).toBe(403);
    }
    expect(await db.auditEvent.count({ where: { readerId: reader.id, type: "auth.signin_failed" } })).toBe(SIGNIN_FAILURE_PER_ACCOUNT_AND_IP.limit);
    const right = await post(browser, host, "/api/account/password", { currentPassword: reader.password, newPassword: NEW_PASSWORD, signOutOtherDevices: false });
    expect(right.status).toBe(429);
    expect(right.json.error?.code).toBe("rate_limited");
    // The same buckets as the sign-in form: the guesses above lock that too, from this address.
    const signIn = await signInWithPassword(new TestBrowser({ ip: browser.ip }), host, reader.email, reader.password);
    expect(signIn.status).toBe(429);
  });

  it("refuses a weak new password with the policy's words, before checking (or counting) the current one", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const reader = await org.createReader();
    const host = org.site("news").host;
    const browser = await signedIn(org, reader);
    const weak = await post(browser, host, "/api/account/password", { currentPassword: "whatever", newPassword: "password12345", signOutOtherDevices: true });
    expect(weak.status).toBe(400);
    expect(weak.json.error).toEqual({ code: "validation_failed", message: "newPassword: This password is too common. Choose another password." });
    expect(await db.auditEvent.count({ where: { readerId: reader.id, type: "auth.signin_failed" } })).toBe(0);
  });

  it("signs out the reader's other devices when asked, keeps this browser signed in, mails the account and audits", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news", "sport"] });
    const reader = await org.createReader();
    const news = org.site("news").host;
    const sport = org.site("sport").host;
    const here = await signedIn(org, reader);
    await here.navigate(siteUrl(sport, "/")); // Auto Login: this browser is signed in on sport too
    expect(await sessionEmail(here, sport)).toBe(reader.email);
    const other = await signedIn(org, reader, "sport");
    expect(await sessionEmail(other, sport)).toBe(reader.email);

    const changed = await post<{ changed: boolean; revokedSessions: number }>(here, news, "/api/account/password", { currentPassword: reader.password, newPassword: NEW_PASSWORD, signOutOtherDevices: true });
    expect(changed.status).toBe(200);
    expect(changed.json.revokedSessions).toBeGreaterThanOrEqual(1);
    expect(await sessionEmail(other, sport)).toBeNull();
    await other.navigate(siteUrl(news, "/"));
    expect(await sessionEmail(other, news)).toBeNull();
    // This browser: still signed in here and on the other site.
    expect(await sessionEmail(here, news)).toBe(reader.email);
    expect(await sessionEmail(here, sport)).toBe(reader.email);
    const stored = await db.reader.findUniqueOrThrow({ where: { id: reader.id } });
    expect(await verifyPassword(stored.passwordHash, NEW_PASSWORD)).toBe(true);
    await waitForMail(reader.email, /password .* was changed/);
    expect(await db.auditEvent.count({ where: { readerId: reader.id, type: "reader.password_changed" } })).toBe(1);
  });

  it("leaves the other devices signed in when the reader unticks the box", async () => {
    const org = await createTestOrg({ mode: "opt_in", sites: ["news"] });
    const reader = await org.createReader();
    const news = org.site("news").host;
    const here = await signedIn(org, reader);
    const other = await signedIn(org, reader);
    const changed = await post<{ revokedSessions: number }>(here, news, "/api/account/password", { currentPassword: reader.password, newPassword: NEW_PASSWORD, signOutOtherDevices: false });
    expect(changed.status).toBe(200);
    expect(changed.json.revokedSessions).toBe(0);
    expect(await sessionEmail(other, news)).toBe(reader.email);
    expect(await sessionEmail(here, news)).toBe(reader.email);
  });

  it("signs the other devices out under Disabled too (where a reader's page offers no such scope)", async () => {
    const org = await createTestOrg({ mode: "disabled", sites: ["news"] });
    const reader = await org.createReader();
    const news = org.site("news").host;
    const here = await signedIn(org, reader);
    const other = await signedIn(org, reader);
    const changed = await post<{ revokedSessions: number }>(here, news, "/api/account/password", { currentPassword: reader.password, newPassword: NEW_PASSWORD, signOutOtherDevices: true });
    expect(changed.status).toBe(200);
    expect(await sessionEmail(other, news)).toBeNull();
    expect(await sessionEmail(here, news)).toBe(reader.email);
  });

  it("refuses a cross-origin change (same-origin rule) and an anonymous one", async () => {
    const org = await createTestOrg({ mode: "disabled", sites: ["news"] });
    const reader = await org.createReader();
    const news = org.site("news").host;
    const browser = await signedIn(org, reader);
    const body = JSON.stringify({ currentPassword: reader.password, newPassword: NEW_PASSWORD, signOutOtherDevices: false });
    const crossSite = await browser.request(siteUrl(news, "/api/account/password"), { method: "POST", body, headers: { origin: "http://evil.localhost", "sec-fetch-site": "cross-site" } });
    expect(crossSite.status).toBe(403);
    expect(JSON.parse(crossSite.body)).toMatchObject({ error: { code: "csrf_failed" } });
    const anonymous = new TestBrowser();
    await anonymous.navigate(siteUrl(news, "/"));
    expect((await post(anonymous, news, "/api/account/password", JSON.parse(body))).status).toBe(401);
  });
});

describe("change email", () => {
  it("a change of email takes effect only through the link mailed to the new address: opening it (GET) does not use it, the button's POST does", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const reader = await org.createReader();
    const news = org.site("news").host;
    const browser = await signedIn(org, reader);
    const newEmail = freshEmail();
    const asked = await post(browser, news, "/api/account/email", { newEmail: newEmail.toUpperCase(), currentPassword: reader.password });
    expect(asked.status).toBe(200);
    const notice = await waitForMail(reader.email, /about to change/);
    expect(notice.text).toContain(newEmail);
    const confirmMail = await waitForMail(newEmail, /Confirm your new email/);
    const link = linkIn(confirmMail, "/account/email?token=");
    expect(new URL(link).host).toBe(`${news}:${new URL(siteUrl(news)).port}`);

    // A mail scanner (or the reader) opens the link: a page with a button, nothing changes.
    const opened = await new TestBrowser().navigate(link);
    expect(opened.status).toBe(200);
    expect(opened.body).toContain(`Use <!-- -->${newEmail}`);
    expect((await db.reader.findUniqueOrThrow({ where: { id: reader.id } })).email).toBe(reader.email);
    expect(await db.readerEmailLink.count({ where: { readerId: reader.id, purpose: "change_email", usedAt: { not: null } } })).toBe(0);

    const token = new URL(link).searchParams.get("token");
    const confirmed = await post<{ email: string }>(new TestBrowser(), news, "/api/account/email/confirm", { token });
    expect(confirmed.status).toBe(200);
    expect(confirmed.json.email).toBe(newEmail);
    const stored = await db.reader.findUniqueOrThrow({ where: { id: reader.id } });
    expect(stored.email).toBe(newEmail);
    expect(stored.emailVerifiedAt).not.toBeNull();
    // The OLD address is told.
    const changedMail = await waitForMail(reader.email, /was changed/);
    expect(changedMail.text).toContain(newEmail);
    expect(await db.auditEvent.count({ where: { readerId: reader.id, type: { in: ["reader.email_change_requested", "reader.email_changed"] } } })).toBe(2);
    // Single use.
    expect((await post(new TestBrowser(), news, "/api/account/email/confirm", { token })).status).toBe(404);
    // The account signs in with its new address.
    expect((await signInWithPassword(new TestBrowser(), news, newEmail, reader.password)).status).toBe(200);
  });

  it("the new address must still be free in the organisation when the link is used", async () => {
    const org = await createTestOrg({ mode: "disabled", sites: ["news"] });
    const reader = await org.createReader();
    const news = org.site("news").host;
    const browser = await signedIn(org, reader);
    const wanted = freshEmail("wanted");
    expect((await post(browser, news, "/api/account/email", { newEmail: wanted, currentPassword: reader.password })).status).toBe(200);
    const token = new URL(linkIn(await waitForMail(wanted, /Confirm your new email/), "/account/email?token=")).searchParams.get("token");
    await org.createReader({ email: wanted }); // someone registers it meanwhile
    const refused = await post(new TestBrowser(), news, "/api/account/email/confirm", { token });
    expect(refused.status).toBe(409);
    expect(refused.json.error?.code).toBe("conflict");
    expect((await db.reader.findUniqueOrThrow({ where: { id: reader.id } })).email).toBe(reader.email);
  });

  it("asking for an address that already has an account answers exactly like a free one (no account enumeration)", async () => {
    const org = await createTestOrg({ mode: "disabled", sites: ["news"] });
    const reader = await org.createReader();
    const taken = await org.createReader();
    const news = org.site("news").host;
    const browser = await signedIn(org, reader);
    const toTaken = await post(browser, news, "/api/account/email", { newEmail: taken.email, currentPassword: reader.password });
    const toFree = await post(browser, news, "/api/account/email", { newEmail: freshEmail(), currentPassword: reader.password });
    expect([toTaken.status, toTaken.body]).toEqual([toFree.status, toFree.body]);
  });

  it("changing the email requires the current password (403, counted as a failed sign-in) and a well-formed address (400)", async () => {
    const org = await createTestOrg({ mode: "disabled", sites: ["news"] });
    const reader = await org.createReader();
    const news = org.site("news").host;
    const browser = await signedIn(org, reader);
    const target = freshEmail();
    expect((await post(browser, news, "/api/account/email", { newEmail: target, currentPassword: "wrong-password" })).status).toBe(403);
    expect(await db.auditEvent.count({ where: { readerId: reader.id, type: "auth.signin_failed" } })).toBe(1);
    const bad = await post(browser, news, "/api/account/email", { newEmail: "not an address", currentPassword: reader.password });
    expect(bad.status).toBe(400);
    expect(bad.json.error?.code).toBe("validation_failed");
    expect(await mailTo(target)).toHaveLength(0);
  });
});
