// Issue 18, parts 2 and 4 over HTTP: the concurrent-device limit as browsers meet it (the refusal's
// 4xx with the error shape, the evicted browser's next page), its console endpoint, and data
// rights (export, deletion by password, by mailed link, by staff) with their refusals: another
// site's request, another reader's id, another organisation's reader.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { linkIn, waitForMail } from "@/scripts/mail/caught-mail";
import { TestBrowser } from "./browser";
import { adminUrl, createTestStaff, signedInStaff } from "./admin-support";
import { createTestOrg, type TestOrg } from "./factory";
import { nextAuthPost, signInWithPassword, siteUrl } from "./flows";

const ARTICLE = "/articles/harbour-bridge-reopens";

/** An admin and a viewer of `org`, each signed in to the console in a browser of their own. */
async function adminAndViewer(org: TestOrg) {
  const admin = await createTestStaff([{ orgId: org.id, role: "admin" }]);
  const viewer = await createTestStaff([{ orgId: org.id, role: "viewer" }]);
  const asAdmin = new TestBrowser();
  await signedInStaff(asAdmin, admin);
  const asViewer = new TestBrowser();
  await signedInStaff(asViewer, viewer);
  return { admin, asAdmin, asViewer };
}

async function limited(org: TestOrg, limit: number, policy: "deny_new" | "evict_oldest") {
  await db.organization.update({ where: { id: org.id }, data: { deviceLimit: limit, deviceLimitPolicy: policy } });
}

/** A new browser that visits the site (handshake and all), then signs in with the password. */
async function signInFreshBrowser(host: string, reader: { email: string; password: string }) {
  const browser = new TestBrowser();
  await browser.navigate(siteUrl(host, "/"));
  const response = await signInWithPassword(browser, host, reader.email, reader.password);
  return { browser, response };
}

function post<T = unknown>(browser: TestBrowser, host: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  return browser.json<T & { error?: { code: string; message: string } }>(siteUrl(host, path), { method: "POST", body, headers });
}

describe("concurrent-device limit over HTTP", () => {
  it("deny_new: a password sign-in on one device more answers 403 device_limit_reached with the error shape and a sentence saying how to get in", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    await limited(org, 2, "deny_new");
    const reader = await org.createReader();
    const host = org.site("news").host;
    expect((await signInFreshBrowser(host, reader)).response.status).toBe(200);
    expect((await signInFreshBrowser(host, reader)).response.status).toBe(200);
    const third = await signInFreshBrowser(host, reader);
    expect(third.response.status).toBe(403);
    const body = JSON.parse(third.response.body) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("device_limit_reached");
    expect(body.error.message).toMatch(/already signed in on 2 devices.*reset your password/);
    const session = await third.browser.json<{ user?: unknown }>(siteUrl(host, "/api/auth/session"));
    expect(session.json.user).toBeUndefined();
  });

  it("evict_oldest: the oldest browser's next page says it was signed out because of the limit, once", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    await limited(org, 1, "evict_oldest");
    const reader = await org.createReader();
    const host = org.site("news").host;
    const first = await signInFreshBrowser(host, reader);
    expect(first.response.status).toBe(200);
    expect((await signInFreshBrowser(host, reader)).response.status).toBe(200);
    const page = await first.browser.navigate(siteUrl(host, ARTICLE));
    expect(page.status).toBe(200);
    expect(page.body).toContain("You were signed out on this device because your account signed in on another one");
    // Told once: the page after that is an ordinary signed-out page.
    const next = await first.browser.navigate(siteUrl(host, ARTICLE));
    expect(next.body).not.toContain("You were signed out on this device");
  });

  it("the device limit cannot be used to evict a reader's devices without their password: a wrong password evicts nothing", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    await limited(org, 1, "evict_oldest");
    const reader = await org.createReader();
    const host = org.site("news").host;
    await signInFreshBrowser(host, reader);
    await signInFreshBrowser(host, { email: reader.email, password: "not-the-password" });
    expect(await db.siteSession.count({ where: { readerId: reader.id, revokeReason: "device_limit" } })).toBe(0);
    expect(await db.auditEvent.count({ where: { readerId: reader.id, type: "reader.device_evicted" } })).toBe(0);
  });

  it("the device-limit setting: any role reads it; only owner/admin change it, same-origin, audited old → new; bad input is a 400", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { admin, asAdmin, asViewer } = await adminAndViewer(org);
    const url = adminUrl(`/api/orgs/${org.slug}/device-limit`);
    expect((await asViewer.json(url)).json).toEqual({ limit: null, policy: "evict_oldest" });
    expect((await asViewer.json(url, { method: "PUT", body: { limit: 2, policy: "deny_new" } })).status).toBe(403);
    const crossSite = await asAdmin.json(url, { method: "PUT", body: { limit: 2, policy: "deny_new" }, sameOrigin: false, headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" } });
    expect(crossSite.status).toBe(403);
    for (const bad of [{ limit: 0, policy: "deny_new" }, { limit: 2, policy: "kick" }, { limit: 2 }, { limit: 2, policy: "deny_new", extra: 1 }]) {
      expect((await asAdmin.json(url, { method: "PUT", body: bad })).status).toBe(400);
    }
    const saved = await asAdmin.json(url, { method: "PUT", body: { limit: 2, policy: "deny_new" } });
    expect(saved.json).toEqual({ limit: 2, policy: "deny_new" });
    const event = await db.auditEvent.findFirstOrThrow({ where: { orgId: org.id, type: "sso.device_limit_changed" } });
    expect(event.data).toEqual({ from: { limit: null, policy: "evict_oldest" }, to: { limit: 2, policy: "deny_new" } });
    expect(event.actorStaffId).toBe(admin.id);
  });
});

async function signedInReader(org: TestOrg) {
  const reader = await org.createReader();
  const host = org.site("news").host;
  const { browser, response } = await signInFreshBrowser(host, reader);
  expect(response.status).toBe(200);
  return { reader, host, browser };
}

const crossSiteHeaders = { origin: "https://evil.example", "sec-fetch-site": "cross-site" };

describe("data rights: export", () => {
  it("the reader's export is a JSON attachment with profile, sessions, SSO tokens and meta, and the audit events about them; audited", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { reader, host, browser } = await signedInReader(org);
    const response = await browser.request(siteUrl(host, "/api/account/export"), { method: "POST", body: "{}", headers: { "content-type": "application/json" }, sameOrigin: true });
    expect(response.status).toBe(200);
    expect(response.headers["content-disposition"]).toMatch(/^attachment; filename="my-data-.*\.json"$/);
    const data = JSON.parse(response.body) as { profile: { email: string }; sessions: unknown[]; ssoTokens: unknown[]; auditEvents: { type: string }[] };
    expect(data.profile.email).toBe(reader.email);
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(data.ssoTokens.length).toBeGreaterThan(0);
    expect(data.auditEvents.map((e) => e.type)).toContain("auth.signin");
    expect(response.body).not.toMatch(/password_?hash|secret_?hash/i);
    expect(await db.auditEvent.count({ where: { readerId: reader.id, type: "reader.data_exported" } })).toBe(1);
  });

  it("a cross-site request for the reader's export is refused 403 csrf_failed (another site cannot make the browser fetch it)", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { host, browser } = await signedInReader(org);
    const refused = await post(browser, host, "/api/account/export", {}, crossSiteHeaders);
    expect(refused.status).toBe(403);
    expect(refused.json.error?.code).toBe("csrf_failed");
  });

  it("export and deletion need a signed-in reader: an anonymous browser gets 401", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const host = org.site("news").host;
    const browser = new TestBrowser();
    await browser.navigate(siteUrl(host, "/"));
    expect((await post(browser, host, "/api/account/export", {})).status).toBe(401);
    expect((await post(browser, host, "/api/account/delete", { confirmBy: "email" })).status).toBe(401);
  });

  it("staff export another organisation's reader, or a reader id that is not an id: 404; a viewer: 403", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const other = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const foreign = await other.createReader();
    const own = await org.createReader();
    const { admin, asAdmin, asViewer } = await adminAndViewer(org);
    expect((await asAdmin.json(adminUrl(`/api/orgs/${org.slug}/readers/${foreign.id}/export`), { method: "POST" })).status).toBe(404);
    expect((await asAdmin.json(adminUrl(`/api/orgs/${org.slug}/readers/not-an-id/export`), { method: "POST" })).status).toBe(404);
    expect((await asAdmin.json(adminUrl(`/api/orgs/${org.slug}/readers/${foreign.id}`), { method: "DELETE" })).status).toBe(404);
    expect((await asViewer.json(adminUrl(`/api/orgs/${org.slug}/readers/${own.id}/export`), { method: "POST" })).status).toBe(403);
    expect((await asViewer.json(adminUrl(`/api/orgs/${org.slug}/readers/${own.id}`), { method: "DELETE" })).status).toBe(403);
    expect(await db.reader.count({ where: { id: { in: [own.id, foreign.id] } } })).toBe(2);
    const exported = await asAdmin.json<{ profile: { email: string } }>(adminUrl(`/api/orgs/${org.slug}/readers/${own.id}/export`), { method: "POST" });
    expect(exported.json.profile.email).toBe(own.email);
    const event = await db.auditEvent.findFirstOrThrow({ where: { readerId: own.id, type: "reader.data_exported" } });
    expect(event.actorStaffId).toBe(admin.id);
  });
});

describe("data rights: deletion", () => {
  it("deleting with the password revokes every session and SSO token, erases the reader, anonymises the audit rows, and frees the address", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news", "sport"] });
    const { reader, host, browser } = await signedInReader(org);
    await browser.navigate(siteUrl(org.site("sport").host, "/"));
    const tokenIds = (await db.siteSession.findMany({ where: { readerId: reader.id }, select: { ssoTokenId: true } })).flatMap((s) => (s.ssoTokenId ? [s.ssoTokenId] : []));
    expect(tokenIds.length).toBeGreaterThan(0);
    const wrong = await post(browser, host, "/api/account/delete", { currentPassword: "not-my-password" });
    expect(wrong.status).toBe(403);
    const done = await post<{ deleted: boolean; returnTo: string }>(browser, host, "/api/account/delete", { currentPassword: reader.password });
    expect(done.status).toBe(200);
    expect(done.json).toEqual({ deleted: true, returnTo: "/account/deleted" });

    expect(await db.reader.findUnique({ where: { id: reader.id } })).toBeNull();
    expect(await db.siteSession.count({ where: { readerId: reader.id } })).toBe(0);
    const tokens = await db.ssoToken.findMany({ where: { id: { in: tokenIds } } });
    expect(tokens.every((t) => t.revokedAt !== null && t.readerId === null)).toBe(true);
    const events = await db.auditEvent.findMany({ where: { readerId: reader.id } });
    expect(events.map((e) => e.type)).toContain("reader.deleted");
    for (const event of events.filter((e) => e.type !== "reader.deleted")) {
      expect(event.ip).toBeNull();
      expect(event.data).toEqual({ anonymised: true });
    }
    expect(JSON.stringify(await db.auditEvent.findMany({ where: { orgId: org.id } }))).not.toContain(reader.email);
    // Signed out on both sites at once.
    expect((await browser.json<{ status: string }>(siteUrl(host, "/api/sso/status"))).json.status).toBe("unknown");
    // The address is free: it registers again.
    const again = await nextAuthPost(new TestBrowser(), host, "register", { email: reader.email, password: "a-brand-new-password-77", name: "" });
    expect(again.status).toBe(200);
    expect(await db.reader.count({ where: { orgId: org.id, email: reader.email } })).toBe(1);
  });

  it("deletion by emailed link: the mail goes to the account's address; the link's page only shows a button; the POST deletes; a used link is refused", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { reader, host, browser } = await signedInReader(org);
    const asked = await post(browser, host, "/api/account/delete", { confirmBy: "email" });
    expect(asked.status).toBe(200);
    expect(asked.json).toEqual({ sent: true });
    const mail = await waitForMail(reader.email, /Confirm the deletion of your account/);
    const link = new URL(linkIn(mail, "/account/delete"));
    expect(link.pathname).toBe("/account/delete");
    const token = link.searchParams.get("token")!;
    // Opening the page (a mail scanner does) deletes nothing.
    const page = await new TestBrowser().navigate(siteUrl(host, `/account/delete?token=${encodeURIComponent(token)}`));
    expect(page.body).toContain("Delete my account");
    expect(await db.reader.count({ where: { id: reader.id } })).toBe(1);
    const phone = new TestBrowser();
    const done = await post(phone, host, "/api/account/delete/confirm", { token });
    expect(done.status).toBe(200);
    expect(await db.reader.count({ where: { id: reader.id } })).toBe(0);
    const replay = await post(phone, host, "/api/account/delete/confirm", { token });
    expect(replay.status).toBe(400);
    expect(replay.json.error?.code).toBe("invalid_link");
  });

  it("a cross-site request to delete the account, or to use a deletion link, is refused 403 and deletes nothing", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { reader, host, browser } = await signedInReader(org);
    const refused = await post(browser, host, "/api/account/delete", { currentPassword: reader.password }, crossSiteHeaders);
    expect(refused.status).toBe(403);
    expect(refused.json.error?.code).toBe("csrf_failed");
    const link = await post(browser, host, "/api/account/delete/confirm", { token: "A".repeat(43) }, crossSiteHeaders);
    expect(link.status).toBe(403);
    expect(await db.reader.count({ where: { id: reader.id } })).toBe(1);
  });

  it("a deletion link works only in its own organisation: another organisation's site refuses it and the reader stays", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const other = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { reader, host, browser } = await signedInReader(org);
    await post(browser, host, "/api/account/delete", { confirmBy: "email" });
    const mail = await waitForMail(reader.email, /Confirm the deletion/);
    const token = new URL(linkIn(mail, "/account/delete")).searchParams.get("token")!;
    const elsewhere = await post(new TestBrowser(), other.site("news").host, "/api/account/delete/confirm", { token });
    expect(elsewhere.status).toBe(400);
    expect(await db.reader.count({ where: { id: reader.id } })).toBe(1);
  });

  it("staff (owner/admin) delete a reader: sessions revoked, reader erased, audited with the staff member", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { reader, host, browser } = await signedInReader(org);
    const admin = await createTestStaff([{ orgId: org.id, role: "admin" }]);
    const asAdmin = new TestBrowser();
    await signedInStaff(asAdmin, admin);
    const crossSite = await asAdmin.json(adminUrl(`/api/orgs/${org.slug}/readers/${reader.id}`), { method: "DELETE", sameOrigin: false, headers: crossSiteHeaders });
    expect(crossSite.status).toBe(403);
    const done = await asAdmin.json<{ deleted: boolean; revokedSessions: number }>(adminUrl(`/api/orgs/${org.slug}/readers/${reader.id}`), { method: "DELETE" });
    expect(done.status).toBe(200);
    expect(done.json.deleted).toBe(true);
    expect(done.json.revokedSessions).toBeGreaterThan(0);
    expect(await db.reader.count({ where: { id: reader.id } })).toBe(0);
    expect((await browser.json<{ status: string }>(siteUrl(host, "/api/sso/status"))).json.status).toBe("unknown");
    const event = await db.auditEvent.findFirstOrThrow({ where: { readerId: reader.id, type: "reader.deleted" } });
    expect(event.actorStaffId).toBe(admin.id);
    expect(event.data).toMatchObject({ how: "staff" });
  });

  it("deleting one reader never touches another reader's rows (ids and addresses are the reader's own)", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const first = await signedInReader(org);
    const second = await signedInReader(org);
    expect((await post(first.browser, first.host, "/api/account/delete", { currentPassword: first.reader.password })).status).toBe(200);
    expect(await db.reader.count({ where: { id: second.reader.id } })).toBe(1);
    expect(await db.siteSession.count({ where: { readerId: second.reader.id, revokedAt: null } })).toBeGreaterThan(0);
    expect((await db.auditEvent.findMany({ where: { readerId: second.reader.id } })).some((e) => e.ip !== null)).toBe(true);
  });
});

describe("Zephr's forget-me (POST /blaize/forget-me) is the product's account deletion", () => {
  it("forget-me needs the reader to prove it is them: with no password it only mails a confirmation link (202), a wrong password is 403, the right one deletes (200)", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { reader, host, browser } = await signedInReader(org);
    const mailed = await post<{ message: string }>(browser, host, "/blaize/forget-me", {});
    expect(mailed.status).toBe(202);
    await waitForMail(reader.email, /Confirm the deletion of your account/);
    expect(await db.reader.count({ where: { id: reader.id } })).toBe(1);
    const wrong = await post<{ message: string }>(browser, host, "/blaize/forget-me", { validators: { password: "not-my-password" } });
    expect(wrong.status).toBe(403);
    expect(await db.reader.count({ where: { id: reader.id } })).toBe(1);
    const done = await post<{ message: string }>(browser, host, "/blaize/forget-me", { validators: { password: reader.password } });
    expect(done.status).toBe(200);
    expect(done.json.message).toBe("User deleted");
    expect(await db.reader.count({ where: { id: reader.id } })).toBe(0);
  });

  it("forget-me refuses a cross-site request (403, Zephr's shape) and an anonymous browser (401)", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { reader, host, browser } = await signedInReader(org);
    const crossSite = await post<{ message: string }>(browser, host, "/blaize/forget-me", { validators: { password: reader.password } }, crossSiteHeaders);
    expect(crossSite.status).toBe(403);
    expect(crossSite.json.error?.code).toBe("csrf_failed");
    expect(typeof crossSite.json.message).toBe("string");
    const anonymous = new TestBrowser();
    await anonymous.navigate(siteUrl(host, "/"));
    expect((await post(anonymous, host, "/blaize/forget-me", {})).status).toBe(401);
    expect(await db.reader.count({ where: { id: reader.id } })).toBe(1);
  });
});
