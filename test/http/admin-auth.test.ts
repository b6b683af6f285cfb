// Staff sign-in on the admin host (next-auth, Credentials provider `credentials`), against the
// real server: separate from readers, throttled, and ended server-side by sign-out.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { TestBrowser } from "./browser";
import { createTestOrg } from "./factory";
import { ADMIN_HOST, adminUrl, createTestStaff, signedInStaff, signInStaff } from "./admin-support";

describe("staff sign-in", () => {
  it("signs staff in with next-auth's credentials provider into a __Host-, HttpOnly, Secure, SameSite=Lax session cookie", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const staff = await createTestStaff([{ orgId: org.id, role: "admin" }]);
    const browser = new TestBrowser();
    const response = await signInStaff(browser, staff.email, staff.password);
    expect(response.status).toBe(200);
    const cookie = (response.headers["set-cookie"] ?? []).find((c) => c.startsWith("__Host-mss_admin_session="));
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Domain=/i);
    expect((await browser.json(adminUrl(`/api/orgs/${org.slug}/sso`))).status).toBe(200);
    const session = await browser.json<{ user?: { email: string } }>(adminUrl("/api/auth/session"));
    expect(session.json.user?.email).toBe(staff.email);
  });

  it("refuses a wrong password with 401 and no session", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const staff = await createTestStaff([{ orgId: org.id, role: "admin" }]);
    const browser = new TestBrowser();
    expect((await signInStaff(browser, staff.email, "not-the-password")).status).toBe(401);
    expect(browser.cookie(ADMIN_HOST, "__Host-mss_admin_session")).toBeNull();
    expect((await browser.json(adminUrl(`/api/orgs/${org.slug}/sso`))).status).toBe(401);
  });

  it("readers cannot sign in to the admin console with their credentials", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const reader = await org.createReader();
    expect((await signInStaff(new TestBrowser(), reader.email, reader.password)).status).toBe(401);
  });

  it("throttles sign-in: after 5 wrong passwords from one address the account gets 429 with the error shape there, even with the right password, and the owner still signs in from elsewhere", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const staff = await createTestStaff([{ orgId: org.id, role: "admin" }]);
    const attacker = new TestBrowser();
    for (let i = 0; i < 5; i++) {
      expect((await signInStaff(new TestBrowser({ ip: attacker.ip }), staff.email, `wrong-${i}`)).status).toBe(401);
    }
    expect((await signInStaff(new TestBrowser(), staff.email, staff.password)).status).toBeLessThan(400);
    const blocked = await signInStaff(new TestBrowser({ ip: attacker.ip }), staff.email, staff.password);
    expect(blocked.status).toBe(429);
    expect(blocked.json).toEqual({ error: { code: "rate_limited", message: expect.stringMatching(/Too many failed sign-ins/) } });
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
    expect(await db.auditEvent.count({ where: { orgId: org.id, type: "staff.lockout", actorStaffId: staff.id } })).toBe(1);
  });

  it("signing out ends the session server-side: a copy of the old cookie no longer works", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const staff = await createTestStaff([{ orgId: org.id, role: "admin" }]);
    const browser = new TestBrowser();
    await signedInStaff(browser, staff);
    const stolen = browser.cookie(ADMIN_HOST, "__Host-mss_admin_session") ?? "";
    const csrf = await browser.json<{ csrfToken: string }>(adminUrl("/api/auth/csrf"));
    const signOut = await browser.request(adminUrl("/api/auth/signout"), {
      method: "POST",
      body: new URLSearchParams({ csrfToken: csrf.json.csrfToken, json: "true" }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
      sameOrigin: true,
    });
    expect(signOut.status).toBe(200);
    const replay = new TestBrowser();
    replay.setCookie(ADMIN_HOST, "__Host-mss_admin_session", stolen);
    expect((await replay.json(adminUrl(`/api/orgs/${org.slug}/sso`))).status).toBe(401);
  });

  it("a removed membership takes effect on the very next request", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const staff = await createTestStaff([{ orgId: org.id, role: "admin" }]);
    const browser = new TestBrowser();
    await signedInStaff(browser, staff);
    expect((await browser.json(adminUrl(`/api/orgs/${org.slug}/sso`))).status).toBe(200);
    await db.staffMembership.delete({ where: { staffId_orgId: { staffId: staff.id, orgId: org.id } } });
    expect((await browser.json(adminUrl(`/api/orgs/${org.slug}/sso`))).status).toBe(404);
  });

  it("a tampered session cookie is simply not signed in", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const browser = new TestBrowser();
    browser.setCookie(ADMIN_HOST, "__Host-mss_admin_session", "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..AAAA.BBBB.CCCC");
    const response = await browser.json(adminUrl(`/api/orgs/${org.slug}/sso`));
    expect(response.status).toBe(401);
    expect(response.json).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
  });
});
