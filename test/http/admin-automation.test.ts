// The console's external sites and audit export against the real server: registration with
// the CLI's rules and a client secret shown once, rotation with a grace period, disabling by
// the kill switch; the audit log as CSV (formula-safe) and JSON of a filtered range.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { authenticateClient } from "@/lib/sso/external/site-client";
import { createTestOrg } from "./factory";
import { adminUrl } from "./admin-support";
import { createToken, ownerBrowser, plainRequest } from "./automation-support";

type Registered = { site: { slug: string; clientId: string; callbackUrl: string }; clientSecret: string };

const basic = (clientId: string, secret: string) => `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`;

describe("external sites in the console", () => {
  it("an owner registers one (client secret shown once, stored hashed), rotates it with a grace period, and the old secret works only during it", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser, staff } = await ownerBrowser(org);
    const register = await browser.json<Registered>(adminUrl(`/api/orgs/${org.slug}/external-sites`), {
      method: "POST",
      body: { name: "Partner", slug: "partner-x", callbackUrl: "https://partner.example.com/callback" },
    });
    expect(register.status).toBe(201);
    const { site, clientSecret } = register.json;
    expect(site).toMatchObject({ slug: "partner-x", callbackUrl: "https://partner.example.com/callback", clientId: expect.stringMatching(/^mss_/) });
    expect(JSON.stringify(await db.siteClient.findMany({ where: { orgId: org.id } }))).not.toContain(clientSecret);
    const list = await browser.json<{ sites: { clientId: string }[] }>(adminUrl(`/api/orgs/${org.slug}/external-sites`));
    expect(list.json.sites.map((s) => s.clientId)).toEqual([site.clientId]);
    expect(list.body).not.toContain(clientSecret);
    expect(await authenticateClient({ orgId: org.id, authorization: basic(site.clientId, clientSecret), ip: "192.0.2.10" })).toMatchObject({ slug: "partner-x" });

    const rotate = await browser.json<{ clientSecret: string; previousSecretValidUntil: string | null }>(adminUrl(`/api/orgs/${org.slug}/external-sites/partner-x/secret`), {
      method: "POST",
      body: { graceSeconds: 3600 },
    });
    expect(rotate.status).toBe(200);
    expect(rotate.json.previousSecretValidUntil).not.toBeNull();
    expect(await authenticateClient({ orgId: org.id, authorization: basic(site.clientId, rotate.json.clientSecret), ip: "192.0.2.10" })).toMatchObject({ slug: "partner-x" });
    expect(await authenticateClient({ orgId: org.id, authorization: basic(site.clientId, clientSecret), ip: "192.0.2.10" })).toMatchObject({ slug: "partner-x" });
    expect(await db.auditEvent.count({ where: { orgId: org.id, type: "sso.client_secret_rotated", actorStaffId: staff.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { orgId: org.id, type: "site.external_registered", actorStaffId: staff.id } })).toBe(1);

    const again = await browser.json(adminUrl(`/api/orgs/${org.slug}/external-sites/partner-x/secret`), { method: "POST", body: { graceSeconds: 0 } });
    expect(again.status).toBe(200);
    await expect(authenticateClient({ orgId: org.id, authorization: basic(site.clientId, rotate.json.clientSecret), ip: "192.0.2.11" })).rejects.toMatchObject({ code: "invalid_client" });

    // Disabled with the Sites page's kill switch.
    const disable = await browser.json(adminUrl(`/api/orgs/${org.slug}/sites/partner-x`), { method: "PATCH", body: { ssoEnabled: false } });
    expect(disable.status).toBe(200);
    expect((await db.site.findFirstOrThrow({ where: { orgId: org.id, slug: "partner-x" } })).ssoEnabled).toBe(false);
  });

  it("validates the callback with the CLI's rules (https, or http on localhost; no credentials) and refuses a taken slug", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser } = await ownerBrowser(org);
    for (const callbackUrl of ["http://partner.example.com/callback", "https://u:p@partner.example.com/cb", "javascript:alert(1)", "https://partner.example.com/cb#x"]) {
      const response = await browser.json(adminUrl(`/api/orgs/${org.slug}/external-sites`), { method: "POST", body: { name: "P", slug: "p-one", callbackUrl } });
      expect(response.status, callbackUrl).toBe(400);
    }
    const taken = await browser.json(adminUrl(`/api/orgs/${org.slug}/external-sites`), { method: "POST", body: { name: "News", slug: "news", callbackUrl: "https://x.example.com/cb" } });
    expect(taken.status).toBe(409);
  });

  it("refuses a rotation for an internal site (404) and a cross-origin registration (403)", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser } = await ownerBrowser(org);
    expect((await browser.json(adminUrl(`/api/orgs/${org.slug}/external-sites/news/secret`), { method: "POST", body: { graceSeconds: 0 } })).status).toBe(404);
    const crossSite = await browser.json(adminUrl(`/api/orgs/${org.slug}/external-sites`), {
      method: "POST",
      body: { name: "P", slug: "p-two", callbackUrl: "https://x.example.com/cb" },
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(crossSite.status).toBe(403);
  });
});

describe("audit export", () => {
  it("exports a filtered range as RFC 4180 CSV with formula-injection-safe cells, and as JSON; an API token may export", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser, staff } = await ownerBrowser(org);
    for (const mode of ["opt_in", "disabled"]) expect((await browser.json(adminUrl(`/api/orgs/${org.slug}/sso`), { method: "PUT", body: { mode } })).status).toBe(200);
    // A cell an attacker chose (here the address column, written directly) that a spreadsheet would evaluate.
    await db.auditEvent.create({ data: { orgId: org.id, type: "auth.signin_failed", ip: '=HYPERLINK("http://evil.example","x")', data: {} } });

    const csv = await browser.request(adminUrl(`/api/orgs/${org.slug}/audit/export?format=csv&type=sso.mode_changed`));
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    expect(csv.headers["content-disposition"]).toContain("attachment");
    const lines = csv.body.split("\r\n").filter((l) => l !== "");
    expect(lines[0]).toBe("id,time,type,actor,actor_api_token_id,reader,site,ip,summary,data");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain("sso.mode_changed");
    expect(lines[1]).toContain(staff.email);

    const injected = await browser.request(adminUrl(`/api/orgs/${org.slug}/audit/export?format=csv&type=auth.signin_failed`));
    expect(injected.body).not.toMatch(/(^|,)"?=HYPERLINK/m);
    expect(injected.body).toContain(`,"'=HYPERLINK(""http://evil.example"",""x"")",`);

    const { secret } = await createToken(browser, org.slug, "viewer");
    const json = await plainRequest({ method: "GET", path: `/api/orgs/${org.slug}/audit/export?format=json&actor=${staff.id}&type=sso.`, token: secret });
    expect(json.status).toBe(200);
    const events = json.json as { type: string; actor: string }[];
    expect(events.map((e) => e.type)).toEqual(["sso.mode_changed", "sso.mode_changed"]);
    expect(events.every((e) => e.actor === staff.email)).toBe(true);
  });

  it("refuses a bad format or filter with 400 in the error envelope", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser } = await ownerBrowser(org);
    for (const query of ["format=xlsx", "format=csv&from=yesterday", "format=csv&actor=nobody", "format=csv&type=nope"]) {
      const response = await browser.json(adminUrl(`/api/orgs/${org.slug}/audit/export?${query}`));
      expect(response.status, query).toBe(400);
      expect(response.json).toEqual({ error: { code: "validation_failed", message: expect.any(String) } });
    }
  });
});
