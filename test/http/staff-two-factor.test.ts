// Two-factor sign-in for staff, against the real server: a password alone opens nothing for an
// account with an authenticator (pages, API, next-auth's session), codes are throttled like
// passwords and never accepted twice, recovery codes work once, an organisation's requirement
// sends unenrolled staff to enrolment, and no other path (password reset) skips the code.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { TestBrowser } from "./browser";
import { createTestOrg } from "./factory";
import { adminUrl, createTestStaff, signedInStaff, signInStaff } from "./admin-support";
import { mailedLink } from "./mail-steps";
import { CROSS_SITE, enrolTestStaff, totpCode, verifyCode } from "./staff-steps";

async function enrolledStaff(role: "owner" | "admin" | "viewer" = "admin") {
  const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
  const staff = await createTestStaff([{ orgId: org.id, role }]);
  const secret = await enrolTestStaff(staff);
  return { org, staff, secret };
}

describe("two-factor sign-in for staff", () => {
  it("a password alone opens nothing for staff with an authenticator: the admin API answers 401, pages send to /two-factor, next-auth's session shows nobody", async () => {
    const { org, staff } = await enrolledStaff();
    const browser = new TestBrowser();
    await signedInStaff(browser, staff);
    const api = await browser.json<{ error?: { code: string } }>(adminUrl(`/api/orgs/${org.slug}/sso`));
    expect(api.status).toBe(401);
    const put = await browser.json(adminUrl(`/api/orgs/${org.slug}/sso`), { method: "PUT", body: { mode: "disabled" } });
    expect(put.status).toBe(401);
    expect((await db.organization.findUniqueOrThrow({ where: { id: org.id } })).ssoMode).toBe("auto_login");
    const page = await browser.request(adminUrl(`/orgs/${org.slug}/identity/settings`), { navigation: true });
    expect(page.status).toBe(307);
    expect(page.headers.location).toMatch(/^\/two-factor\?next=%2Forgs%2F/);
    const session = await browser.json<{ user?: unknown }>(adminUrl("/api/auth/session"));
    expect(session.json.user).toBeUndefined();
  });

  it("a correct code completes the sign-in; the same code cannot be replayed, even from another session", async () => {
    const { org, staff, secret } = await enrolledStaff();
    const browser = new TestBrowser();
    await signedInStaff(browser, staff);
    const code = totpCode(secret);
    expect((await verifyCode(browser, code)).status).toBe(200);
    expect((await browser.json(adminUrl(`/api/orgs/${org.slug}/sso`))).status).toBe(200);

    const second = new TestBrowser();
    await signedInStaff(second, staff);
    const replay = await verifyCode(second, code);
    expect(replay.status).toBe(401);
    expect((await second.json(adminUrl(`/api/orgs/${org.slug}/sso`))).status).toBe(401);
    // An earlier step is refused too once a later one was used.
    expect((await verifyCode(second, totpCode(secret, { stepOffset: -1 }))).status).toBe(401);
  });

  it("TOTP codes are throttled like passwords: after 5 wrong codes from one address the right code gets 429 there, and still works from elsewhere", async () => {
    const { staff, secret } = await enrolledStaff();
    const attacker = new TestBrowser();
    await signedInStaff(attacker, staff);
    const right = totpCode(secret);
    const wrong = right === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) expect((await verifyCode(attacker, wrong)).status).toBe(401);
    const blocked = await verifyCode(attacker, right);
    expect(blocked.status).toBe(429);
    expect(blocked.json.error?.code).toBe("rate_limited");
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
    const owner = new TestBrowser();
    await signedInStaff(owner, staff);
    expect((await verifyCode(owner, right)).status).toBe(200);
  });

  it("the code step refuses cross-site requests (CSRF)", async () => {
    const { staff, secret } = await enrolledStaff();
    const browser = new TestBrowser();
    await signedInStaff(browser, staff);
    const answer = await verifyCode(browser, totpCode(secret), CROSS_SITE);
    expect(answer.status).toBe(403);
    expect(answer.json.error?.code).toBe("csrf_failed");
  });

  it("staff whose organisation requires a second factor and who have none are sent to enrolment and cannot use the console until enrolled; a recovery code then works once", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    await db.organization.update({ where: { id: org.id }, data: { staffTwoFactor: "everyone" } });
    const staff = await createTestStaff([{ orgId: org.id, role: "viewer" }]);
    const browser = new TestBrowser();
    await signedInStaff(browser, staff);
    expect((await browser.json(adminUrl(`/api/orgs/${org.slug}/sso`))).status).toBe(401);
    const page = await browser.request(adminUrl("/two-factor"), { navigation: true });
    expect(page.status).toBe(307);
    expect(page.headers.location).toMatch(/^\/two-factor\/enrol/);

    // The enrolment page shows the secret as text (and as a QR code).
    const enrol = await browser.request(adminUrl("/two-factor/enrol"), { navigation: true });
    expect(enrol.status).toBe(200);
    expect(enrol.body).toContain("data:image/svg+xml;base64,");
    const secret = /class="admin-secret">([A-Z2-7 ]+)</.exec(enrol.body)?.[1]?.replace(/ /g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // The secret is stored sealed, never in clear.
    const row = await db.staff.findUniqueOrThrow({ where: { id: staff.id } });
    expect(Buffer.from(row.totpPendingSealed ?? new Uint8Array()).toString("latin1")).not.toContain(secret);

    const confirmed = await browser.json<{ recoveryCodes: string[] }>(adminUrl("/api/staff/two-factor/enrolment"), { method: "POST", body: { code: totpCode(secret ?? "") } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.json.recoveryCodes).toHaveLength(10);
    expect((await browser.json(adminUrl(`/api/orgs/${org.slug}/sso`))).status).toBe(200);
    // Recovery codes are stored hashed.
    const stored = await db.staffRecoveryCode.findMany({ where: { staffId: staff.id } });
    expect(stored).toHaveLength(10);
    const recovery = confirmed.json.recoveryCodes[0] ?? "";
    expect(stored.some((s) => Buffer.from(s.codeHash).toString("latin1").includes(recovery))).toBe(false);

    const lostPhone = new TestBrowser();
    await signedInStaff(lostPhone, staff);
    expect((await verifyCode(lostPhone, recovery)).status).toBe(200);
    const again = new TestBrowser();
    await signedInStaff(again, staff);
    expect((await verifyCode(again, recovery)).status).toBe(401);
  });

  it("a session that owes a code cannot replace the authenticator in force (no bypass through enrolment)", async () => {
    const { staff } = await enrolledStaff();
    const browser = new TestBrowser();
    await signedInStaff(browser, staff);
    const page = await browser.request(adminUrl("/two-factor/enrol"), { navigation: true });
    expect(page.status).toBe(307);
    const confirm = await browser.json(adminUrl("/api/staff/two-factor/enrolment"), { method: "POST", body: { code: "123456" } });
    expect(confirm.status).toBe(401);
  });

  it("a staff password reset does not sign in and does not skip the second factor; it ends every session of the account", async () => {
    const { org, staff, secret } = await enrolledStaff();
    const signedIn = new TestBrowser();
    await signedInStaff(signedIn, staff);
    expect((await verifyCode(signedIn, totpCode(secret))).status).toBe(200);

    const sentAt = new Date(Date.now() - 1000);
    const asked = await new TestBrowser().json<{ message: string }>(adminUrl("/api/staff/password-reset"), { method: "POST", body: { email: staff.email } });
    expect(asked.status).toBe(202);
    const unknown = await new TestBrowser().json<{ message: string }>(adminUrl("/api/staff/password-reset"), { method: "POST", body: { email: `nobody-${randomUUID()}@example.test` } });
    expect(unknown.json).toEqual(asked.json);
    const { token } = await mailedLink(staff.email, /Reset your admin console password/, "/reset-password", sentAt);

    const resetter = new TestBrowser();
    const done = await resetter.json(adminUrl("/api/staff/password-reset/complete"), { method: "POST", body: { token, password: "a-brand-new-password-1" } });
    expect(done.status).toBe(200);
    expect(resetter.cookieNames("admin.localhost").some((n) => n.includes("admin_session"))).toBe(false);
    expect((await signedIn.json(adminUrl(`/api/orgs/${org.slug}/sso`))).status).toBe(401);
    expect((await resetter.json(adminUrl("/api/staff/password-reset/complete"), { method: "POST", body: { token, password: "another-new-password-2" } })).status).toBe(400);

    const next = new TestBrowser();
    expect((await signInStaff(next, staff.email, "a-brand-new-password-1")).status).toBe(200);
    expect((await next.json(adminUrl(`/api/orgs/${org.slug}/sso`))).status).toBe(401);
  });

  it("staff list their own sessions and end one; another staff member's session id is answered 404", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const staff = await createTestStaff([{ orgId: org.id, role: "viewer" }]);
    const other = await createTestStaff([{ orgId: org.id, role: "viewer" }]);
    const laptop = new TestBrowser();
    const phone = new TestBrowser();
    const stranger = new TestBrowser();
    await signedInStaff(laptop, staff);
    await signedInStaff(phone, staff);
    await signedInStaff(stranger, other);
    const phoneSession = await db.staffSession.findFirstOrThrow({ where: { staffId: staff.id, revokedAt: null }, orderBy: { createdAt: "desc" } });
    const page = await laptop.request(adminUrl(`/orgs/${org.slug}/account`), { navigation: true });
    expect(page.status).toBe(200);
    expect(page.body).toContain("Your sessions");
    expect((await stranger.json(adminUrl(`/api/staff/sessions/${phoneSession.id}`), { method: "DELETE" })).status).toBe(404);
    expect((await phone.json(adminUrl(`/api/orgs/${org.slug}/sso`))).status).toBe(200);
    expect((await laptop.json(adminUrl(`/api/staff/sessions/${phoneSession.id}`), { method: "DELETE" })).status).toBe(200);
    expect((await phone.json(adminUrl(`/api/orgs/${org.slug}/sso`))).status).toBe(401);
    expect((await laptop.json(adminUrl(`/api/orgs/${org.slug}/sso`))).status).toBe(200);
    expect(await db.auditEvent.count({ where: { orgId: org.id, type: "staff.session_revoked", actorStaffId: staff.id } })).toBe(1);
  });

  it("only owners set the two-factor rule; it is audited old → new", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const admin = await createTestStaff([{ orgId: org.id, role: "admin" }]);
    const owner = await createTestStaff([{ orgId: org.id, role: "owner" }]);
    const a = new TestBrowser();
    await signedInStaff(a, admin);
    expect((await a.json(adminUrl(`/api/orgs/${org.slug}/staff-two-factor`), { method: "PUT", body: { policy: "off" } })).status).toBe(403);
    const o = new TestBrowser();
    await signedInStaff(o, owner);
    expect((await o.json(adminUrl(`/api/orgs/${org.slug}/staff-two-factor`), { method: "PUT", body: { policy: "owners" } })).status).toBe(200);
    expect(await db.auditEvent.findFirst({ where: { orgId: org.id, type: "staff.two_factor_policy_changed" }, select: { data: true } })).toMatchObject({
      data: { old: "off", new: "owners" },
    });
    // The owner has no authenticator: on their next request they are sent to set one up; the admin is not asked.
    expect((await o.json(adminUrl(`/api/orgs/${org.slug}/sso`))).status).toBe(401);
    expect((await a.json(adminUrl(`/api/orgs/${org.slug}/sso`))).status).toBe(200);
  });
});
