// GET|PUT /api/orgs/<slug>/sso against the real server: authorisation, validation, CSRF,
// audit rows with old → new, and the change in force on the reader's next request.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { TestBrowser } from "./browser";
import { createTestOrg, type TestOrg } from "./factory";
import { signInWithPassword, siteUrl, ssoStatus } from "./flows";
import { adminUrl, createTestStaff, signedInStaff } from "./admin-support";

type Settings = { mode: string; ottTtlSeconds: number; sessionIdleSeconds: number; sessionAbsoluteSeconds: number; promptReveal: Record<string, boolean> };

async function staffBrowser(org: { id: string }, role: "owner" | "admin" | "viewer") {
  const staff = await createTestStaff([{ orgId: org.id, role }]);
  const browser = new TestBrowser();
  await signedInStaff(browser, staff);
  return { staff, browser };
}

function put(browser: TestBrowser, org: TestOrg, body: unknown, headers?: Record<string, string>) {
  return browser.json<Settings & { error?: { code: string; message: string } }>(adminUrl(`/api/orgs/${org.slug}/sso`), { method: "PUT", body, ...(headers ? { headers } : {}) });
}

async function modeOf(org: TestOrg): Promise<string> {
  return (await db.organization.findUniqueOrThrow({ where: { id: org.id } })).ssoMode;
}

const errorShape = (code: string) => ({ error: { code, message: expect.any(String) } });

describe("authorisation", () => {
  it("refuses anonymous requests with 401, for reading and for changing", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const anonymous = new TestBrowser();
    const get = await anonymous.json(adminUrl(`/api/orgs/${org.slug}/sso`));
    expect(get.status).toBe(401);
    expect(get.json).toEqual(errorShape("unauthorized"));
    expect((await put(anonymous, org, { mode: "disabled" })).status).toBe(401);
    expect(await modeOf(org)).toBe("auto_login");
  });

  it("lets a viewer read but refuses their change with 403", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser } = await staffBrowser(org, "viewer");
    expect((await browser.json(adminUrl(`/api/orgs/${org.slug}/sso`))).status).toBe(200);
    const response = await put(browser, org, { mode: "disabled" });
    expect(response.status).toBe(403);
    expect(response.json).toEqual(errorShape("forbidden"));
    expect(await modeOf(org)).toBe("auto_login");
  });

  it("refuses an admin of another organisation with 404, as if the organisation did not exist", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const other = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser } = await staffBrowser(other, "admin");
    const get = await browser.json(adminUrl(`/api/orgs/${org.slug}/sso`));
    expect(get.status).toBe(404);
    expect(get.json).toEqual(errorShape("not_found"));
    expect((await browser.json(adminUrl("/api/orgs/no-such-org-at-all/sso"))).json).toEqual(get.json);
    expect((await put(browser, org, { mode: "disabled" })).status).toBe(404);
    expect(await modeOf(org)).toBe("auto_login");
  });

  it("lets an owner change settings too", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser } = await staffBrowser(org, "owner");
    expect((await put(browser, org, { mode: "opt_in" })).status).toBe(200);
    expect(await modeOf(org)).toBe("opt_in");
  });
});

describe("the API's shape", () => {
  it("answers unknown admin API paths with the JSON error shape", async () => {
    const response = await new TestBrowser().json(adminUrl("/api/orgs/acme/no-such-thing"));
    expect(response.status).toBe(404);
    expect(response.json).toEqual(errorShape("not_found"));
  });
});

describe("CSRF", () => {
  it("refuses a cross-origin PUT with 403, even from a signed-in admin", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser } = await staffBrowser(org, "admin");
    const response = await put(browser, org, { mode: "disabled" }, { origin: "http://evil.localhost:3000", "sec-fetch-site": "cross-site" });
    expect(response.status).toBe(403);
    expect(response.json).toEqual(errorShape("csrf_failed"));
    const noOrigin = await browser.request(adminUrl(`/api/orgs/${org.slug}/sso`), {
      method: "PUT",
      body: JSON.stringify({ mode: "disabled" }),
      headers: { "sec-fetch-site": "cross-site" },
    });
    expect(noOrigin.status).toBe(403);
    // A site of the same organisation is another origin too.
    expect((await put(browser, org, { mode: "disabled" }, { origin: `http://${org.site("news").host}` })).status).toBe(403);
    expect(await modeOf(org)).toBe("auto_login");
  });
});

describe("validation", () => {
  it("answers 400 with the error shape for an invalid mode, unknown fields, bad lifetimes and bad JSON; 413 when oversize; 415 when not JSON", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser } = await staffBrowser(org, "admin");
    const invalidMode = await put(browser, org, { mode: "sometimes" });
    expect(invalidMode.status).toBe(400);
    expect(invalidMode.json).toEqual(errorShape("validation_failed"));
    expect(invalidMode.json.error?.message).toMatch(/auto_login, opt_in, disabled/);

    expect((await put(browser, org, {})).json).toEqual(errorShape("validation_failed"));
    expect((await put(browser, org, { mode: "opt_in", colour: "red" })).status).toBe(400);
    expect((await put(browser, org, { mode: "opt_in", promptReveal: { email: true, name: true, site: true, phone: true } })).status).toBe(400);
    expect((await put(browser, org, { mode: "opt_in", ottTtlSeconds: 5 })).status).toBe(400);
    expect((await put(browser, org, { mode: "opt_in", ottTtlSeconds: "60" })).status).toBe(400);
    expect((await put(browser, org, { mode: "opt_in", sessionAbsoluteSeconds: 401 * 86_400 })).status).toBe(400);
    const idleTooLong = await put(browser, org, { mode: "opt_in", sessionIdleSeconds: 7_200, sessionAbsoluteSeconds: 3_600 });
    expect(idleTooLong.status).toBe(400);
    expect(idleTooLong.json.error?.message).toMatch(/idle lifetime/);
    expect((await put(browser, org, ["opt_in"])).status).toBe(400);

    const notJson = await browser.request(adminUrl(`/api/orgs/${org.slug}/sso`), { method: "PUT", body: "{mode: opt_in", sameOrigin: true });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toEqual(errorShape("invalid_json"));

    const oversize = await put(browser, org, { mode: "opt_in", padding: "x".repeat(5000) });
    expect(oversize.status).toBe(413);
    expect(oversize.json).toEqual(errorShape("payload_too_large"));

    const form = await browser.request(adminUrl(`/api/orgs/${org.slug}/sso`), {
      method: "PUT",
      body: "mode=opt_in",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      sameOrigin: true,
    });
    expect(form.status).toBe(415);
    expect(await modeOf(org)).toBe("auto_login");
    expect(await db.auditEvent.count({ where: { orgId: org.id, type: { startsWith: "sso." } } })).toBe(0);
  });
});

describe("changes", () => {
  it("round-trips: what GET answers can be PUT back unchanged, and writes no audit row", async () => {
    const org = await createTestOrg({ mode: "opt_in", sites: ["news"] });
    const { browser } = await staffBrowser(org, "admin");
    const current = await browser.json<Settings>(adminUrl(`/api/orgs/${org.slug}/sso`));
    expect(current.json).toEqual({
      mode: "opt_in",
      ottTtlSeconds: 60,
      sessionIdleSeconds: 1_209_600,
      sessionAbsoluteSeconds: 7_776_000,
      promptReveal: { email: true, name: false, site: true },
      auditRetentionDays: 365,
      emailVerification: "optional",
      emailLinkSignIn: true,
      mailFrom: "",
      hostedSignIn: false,
    });
    const same = await put(browser, org, current.json);
    expect(same.status).toBe(200);
    expect(same.json).toEqual(current.json);
    expect(await db.auditEvent.count({ where: { orgId: org.id, type: { startsWith: "sso." } } })).toBe(0);
  });

  it("audits every change: who, when, and old → new, one row per changed field", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { staff, browser } = await staffBrowser(org, "admin");
    const before = new Date(Date.now() - 1000);
    const response = await put(browser, org, { mode: "opt_in", ottTtlSeconds: 45, sessionIdleSeconds: 86_400, promptReveal: { email: false, name: true, site: true } });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ mode: "opt_in", ottTtlSeconds: 45, sessionIdleSeconds: 86_400, promptReveal: { email: false, name: true, site: true } });
    // The staff member's own sign-in (staff.signin) is audited too; this test is about the settings' rows.
    const events = await db.auditEvent.findMany({ where: { orgId: org.id, type: { startsWith: "sso." } }, orderBy: [{ createdAt: "asc" }, { type: "asc" }] });
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ["sso.mode_changed", { field: "mode", old: "auto_login", new: "opt_in" }],
      ["sso.settings_changed", { field: "ottTtlSeconds", old: 60, new: 45 }],
      ["sso.settings_changed", { field: "sessionIdleSeconds", old: 1_209_600, new: 86_400 }],
      ["sso.settings_changed", { field: "promptReveal.email", old: true, new: false }],
      ["sso.settings_changed", { field: "promptReveal.name", old: false, new: true }],
    ]);
    for (const event of events) {
      expect(event.actorStaffId).toBe(staff.id);
      expect(event.ip).toBe(browser.ip);
      expect(event.createdAt.getTime()).toBeGreaterThanOrEqual(before.getTime());
    }
  });

  it("a mode change is in force on the reader's very next request", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const reader = await org.createReader({ displayName: "Nadia Next" });
    const { browser: admin } = await staffBrowser(org, "admin");
    const hostsOf = (hops: { url: string }[]) => hops.map((h) => new URL(h.url).hostname);
    const news = org.site("news").host;
    const sport = org.site("sport").host;
    const recipes = org.site("recipes").host;

    const readerBrowser = new TestBrowser();
    await readerBrowser.navigate(siteUrl(news, "/"));
    expect((await signInWithPassword(readerBrowser, news, reader.email, reader.password)).status).toBe(200);

    // Disabled: a first visit to another site makes no handshake at all.
    expect((await put(admin, org, { mode: "disabled" })).status).toBe(200);
    const sportVisit = await readerBrowser.navigate(siteUrl(sport, "/"));
    expect(hostsOf(sportVisit.hops)).not.toContain(org.authHost);
    expect(sportVisit.body).toContain(`data-testid="signed-out"`);

    // Opt In: the handshake links the session, but the reader is only known, not signed in.
    expect((await put(admin, org, { mode: "opt_in" })).status).toBe(200);
    const recipesVisit = await readerBrowser.navigate(siteUrl(recipes, "/"));
    expect(hostsOf(recipesVisit.hops)).toContain(org.authHost);
    expect(recipesVisit.body).toContain(`data-testid="signed-out"`);
    expect((await ssoStatus(readerBrowser, recipes)).status).toBe("known");

    // Auto Login: the next request on the same site signs the reader in.
    expect((await put(admin, org, { mode: "auto_login" })).status).toBe(200);
    const again = await readerBrowser.navigate(siteUrl(recipes, "/"));
    expect(again.hops).toHaveLength(1);
    expect(again.body).toContain("Nadia Next");
    expect(await ssoStatus(readerBrowser, recipes)).toMatchObject({ status: "authenticated", user: { email: reader.email } });
  });
});
