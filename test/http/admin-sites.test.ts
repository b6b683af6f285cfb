// The Sites page's switches over HTTP: the kill switch takes one site out of SSO at once,
// without touching the others; authorisation, CSRF, validation and audit.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { TestBrowser } from "./browser";
import { createTestOrg, type TestOrg } from "./factory";
import { signInWithPassword, siteUrl } from "./flows";
import { adminUrl, createTestStaff, signedInStaff } from "./admin-support";

async function staffBrowser(orgId: string, role: "owner" | "admin" | "viewer") {
  const staff = await createTestStaff([{ orgId, role }]);
  const browser = new TestBrowser();
  await signedInStaff(browser, staff);
  return { staff, browser };
}

function patch(browser: TestBrowser, org: TestOrg, site: string, body: unknown, headers?: Record<string, string>) {
  return browser.json<{ ssoEnabled?: boolean; effectiveMode?: string; error?: { code: string } }>(adminUrl(`/api/orgs/${org.slug}/sites/${site}`), {
    method: "PATCH",
    body,
    ...(headers ? { headers } : {}),
  });
}

function visitsAuthHost(org: TestOrg, hops: { url: string }[]): boolean {
  return hops.some((hop) => new URL(hop.url).hostname === org.authHost);
}

describe("the kill switch", () => {
  it("takes one site out of SSO on its next request and leaves the others in", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const { browser: admin, staff } = await staffBrowser(org.id, "admin");
    expect(visitsAuthHost(org, (await new TestBrowser().navigate(siteUrl(org.site("news").host))).hops)).toBe(true);

    const response = await patch(admin, org, "news", { ssoEnabled: false });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ ssoEnabled: false, effectiveMode: "disabled" });

    const visitor = new TestBrowser();
    const news = await visitor.navigate(siteUrl(org.site("news").host));
    expect(news.status).toBe(200);
    expect(visitsAuthHost(org, news.hops)).toBe(false);
    expect(visitsAuthHost(org, (await visitor.navigate(siteUrl(org.site("sport").host))).hops)).toBe(true);

    const event = await db.auditEvent.findFirstOrThrow({ where: { orgId: org.id, type: "sso.site_participation_changed" } });
    expect(event).toMatchObject({ actorStaffId: staff.id, siteId: org.site("news").id, data: { site: "news", old: true, new: false } });

    expect((await patch(admin, org, "news", { ssoEnabled: true })).status).toBe(200);
    expect(visitsAuthHost(org, (await new TestBrowser().navigate(siteUrl(org.site("news").host))).hops)).toBe(true);
  });

  it("stops Auto Login on that site at once for a reader signed in elsewhere", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const reader = await org.createReader({ displayName: "Kim Kill" });
    const { browser: admin } = await staffBrowser(org.id, "admin");
    const readerBrowser = new TestBrowser();
    await readerBrowser.navigate(siteUrl(org.site("news").host));
    await readerBrowser.navigate(siteUrl(org.site("sport").host));
    await signInWithPassword(readerBrowser, org.site("sport").host, reader.email, reader.password);

    expect((await patch(admin, org, "news", { ssoEnabled: false })).status).toBe(200);
    const news = await readerBrowser.navigate(siteUrl(org.site("news").host));
    expect(news.body).toContain(`data-testid="signed-out"`);
    expect((await readerBrowser.navigate(siteUrl(org.site("recipes").host))).body).toContain("Kim Kill");
  });

  it("sets a site's own mode, and lists the sites with hostnames and callbacks", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const { browser: admin } = await staffBrowser(org.id, "admin");
    expect((await patch(admin, org, "sport", { ssoModeOverride: "disabled" })).json).toMatchObject({ effectiveMode: "disabled", ssoEnabled: true });
    expect(visitsAuthHost(org, (await new TestBrowser().navigate(siteUrl(org.site("sport").host))).hops)).toBe(false);
    const list = await admin.json<{ sites: { slug: string; hostnames: { hostname: string }[]; callbackUrl: string; effectiveMode: string }[] }>(adminUrl(`/api/orgs/${org.slug}/sites`));
    expect(list.json.sites.find((s) => s.slug === "sport")).toMatchObject({
      hostnames: [{ hostname: org.site("sport").host }],
      callbackUrl: expect.stringContaining(`${org.site("sport").host}`),
      effectiveMode: "disabled",
    });
    expect(list.json.sites.find((s) => s.slug === "news")?.effectiveMode).toBe("auto_login");
  });
});

describe("who may flip it", () => {
  it("refuses anonymous (401), a viewer (403), an admin of another organisation (404) and a cross-origin request (403)", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const other = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser: viewer } = await staffBrowser(org.id, "viewer");
    const { browser: outsider } = await staffBrowser(other.id, "admin");
    const { browser: admin } = await staffBrowser(org.id, "admin");
    expect((await patch(new TestBrowser(), org, "news", { ssoEnabled: false })).status).toBe(401);
    expect((await patch(viewer, org, "news", { ssoEnabled: false })).status).toBe(403);
    expect((await patch(outsider, org, "news", { ssoEnabled: false })).status).toBe(404);
    expect((await patch(admin, org, "news", { ssoEnabled: false }, { origin: "http://evil.localhost" })).status).toBe(403);
    expect((await db.site.findUniqueOrThrow({ where: { id: org.site("news").id } })).ssoEnabled).toBe(true);
  });

  it("validates the body and the site", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser: admin } = await staffBrowser(org.id, "admin");
    expect((await patch(admin, org, "news", {})).status).toBe(400);
    expect((await patch(admin, org, "news", { ssoEnabled: "no" })).status).toBe(400);
    expect((await patch(admin, org, "news", { ssoEnabled: false, callbackUrl: "https://evil.example" })).status).toBe(400);
    expect((await patch(admin, org, "news", { ssoModeOverride: "sometimes" })).status).toBe(400);
    const missing = await patch(admin, org, "no-such-site", { ssoEnabled: false });
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ error: { code: "not_found", message: expect.any(String) } });
  });
});

describe("a site's own mail From", () => {
  it("is validated as one mailbox (a line break cannot add mail headers), saved, audited, and emptied back to the organisation's", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const { browser: admin } = await staffBrowser(org.id, "admin");
    const injected = await patch(admin, org, "news", { mailFrom: "News <news@example.com>\r\nBcc: everyone@example.com" });
    expect(injected.status).toBe(400);
    expect(injected.json.error?.code).toBe("validation_failed");

    const saved = await admin.json<{ mailFrom?: string }>(adminUrl(`/api/orgs/${org.slug}/sites/news`), { method: "PATCH", body: { mailFrom: "News Desk <news@example.com>" } });
    expect(saved.status).toBe(200);
    expect(saved.json.mailFrom).toBe("News Desk <news@example.com>");
    expect((await db.site.findUniqueOrThrow({ where: { id: org.site("news").id } })).mailFrom).toBe("News Desk <news@example.com>");
    const event = await db.auditEvent.findFirst({ where: { orgId: org.id, type: "site.mail_from_changed" } });
    expect(event?.data).toMatchObject({ site: "news", old: null, new: "News Desk <news@example.com>" });

    await patch(admin, org, "news", { mailFrom: "" });
    expect((await db.site.findUniqueOrThrow({ where: { id: org.site("news").id } })).mailFrom).toBeNull();
  });

  it("a viewer cannot change it", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const { browser: viewer } = await staffBrowser(org.id, "viewer");
    expect((await patch(viewer, org, "news", { mailFrom: "x@example.com" })).status).toBe(403);
    expect((await db.site.findUniqueOrThrow({ where: { id: org.site("news").id } })).mailFrom).toBeNull();
  });
});
