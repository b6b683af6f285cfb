// The console's pages over HTTP: who may see them, the security headers of the admin host,
// and what the settings, audit and activity pages render.
import { describe, expect, it } from "vitest";
import { TestBrowser } from "./browser";
import { createTestOrg } from "./factory";
import { siteUrl } from "./flows";
import { adminUrl, createTestStaff, signedInStaff } from "./admin-support";

const sections = ["identity/settings", "sites", "readers", "audit", "activity"];

async function staffBrowser(memberships: { orgId: string; role: "owner" | "admin" | "viewer" }[]) {
  const staff = await createTestStaff(memberships);
  const browser = new TestBrowser();
  await signedInStaff(browser, staff);
  return { staff, browser };
}

describe("page access", () => {
  it("sends anonymous visitors of every page to the sign-in page, remembering where they were going", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    for (const section of sections) {
      const response = await new TestBrowser().request(adminUrl(`/orgs/${org.slug}/${section}`), { navigation: true });
      expect(response.status, section).toBe(307);
      expect(response.headers.location, section).toBe(`/?next=${encodeURIComponent(`/orgs/${org.slug}/${section}`)}`);
    }
    const signIn = await new TestBrowser().navigate(adminUrl("/"));
    expect(signIn.body).toContain("Staff sign-in");
  });

  it("answers 404 on every page of an organisation the staff member is not in", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const other = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser } = await staffBrowser([{ orgId: other.id, role: "owner" }]);
    for (const section of sections) {
      const response = await browser.navigate(adminUrl(`/orgs/${org.slug}/${section}`));
      const missing = await browser.navigate(adminUrl(`/orgs/no-such-org-${org.slug}/${section}`));
      expect(response.status, section).toBe(404);
      // Exactly what an organisation that does not exist answers.
      expect(missing.status, section).toBe(404);
      expect(response.body, section).toContain("Page not found");
      expect(response.body, section).not.toContain(org.site("news").host);
    }
  });

  it("lets a viewer read the settings page, with the controls disabled", async () => {
    const org = await createTestOrg({ mode: "opt_in", sites: ["news"] });
    const { browser } = await staffBrowser([{ orgId: org.id, role: "viewer" }]);
    const page = await browser.navigate(adminUrl(`/orgs/${org.slug}/identity/settings`));
    expect(page.status).toBe(200);
    expect(page.body).toContain("view-only access");
    expect(page.body).toMatch(/<fieldset disabled=""/);
  });

  it("takes staff of several organisations to their first one, and offers the others in the switcher", async () => {
    const a = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const b = await createTestOrg({ mode: "disabled", sites: ["news"] });
    const { browser } = await staffBrowser([
      { orgId: a.id, role: "admin" },
      { orgId: b.id, role: "viewer" },
    ]);
    const home = await browser.navigate(adminUrl("/"));
    expect(home.hops[0]?.status).toBe(307);
    expect(home.status).toBe(200);
    const first = new URL(home.url).pathname;
    expect([`/orgs/${a.slug}/identity/settings`, `/orgs/${b.slug}/identity/settings`]).toContain(first);
    const otherSlug = first.includes(a.slug) ? b.slug : a.slug;
    expect(home.body).toContain(`href="/orgs/${otherSlug}/identity/settings"`);
    // The same section of the other organisation, with that organisation's data.
    const other = await browser.navigate(adminUrl(`/orgs/${otherSlug}/sites`));
    expect(other.status).toBe(200);
    expect(other.body).toContain((otherSlug === a.slug ? a : b).site("news").host);
  });

  it("returns to the page asked for after signing in, never to another site", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser } = await staffBrowser([{ orgId: org.id, role: "admin" }]);
    const audit = await browser.navigate(adminUrl(`/?next=${encodeURIComponent(`/orgs/${org.slug}/audit`)}`));
    expect(new URL(audit.url).pathname).toBe(`/orgs/${org.slug}/audit`);
    const evil = await browser.navigate(adminUrl(`/?next=${encodeURIComponent("//evil.example/")}`));
    expect(new URL(evil.url).host).toBe(new URL(adminUrl("/")).host);
  });
});

describe("security headers of the admin host", () => {
  it("sends a nonce-based CSP, frame-ancestors 'none', DENY, same-origin referrers and no-store on pages and the API", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser } = await staffBrowser([{ orgId: org.id, role: "admin" }]);
    const page = await browser.navigate(adminUrl(`/orgs/${org.slug}/identity/settings`));
    const csp = String(page.headers["content-security-policy"]);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    // Every script Next renders carries this response's nonce.
    const scripts = [...page.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
    expect(page.headers["x-frame-options"]).toBe("DENY");
    expect(page.headers["referrer-policy"]).toBe("same-origin");
    expect(page.headers["cache-control"]).toMatch(/no-store/);

    const again = await browser.navigate(adminUrl(`/orgs/${org.slug}/identity/settings`));
    expect(String(again.headers["content-security-policy"])).not.toContain(`'nonce-${nonce}'`);

    const api = await browser.json(adminUrl(`/api/orgs/${org.slug}/sso`));
    expect(api.headers["cache-control"]).toBe("no-store");
    expect(api.headers["x-frame-options"]).toBe("DENY");
  });

  it("does not put the admin policy on the sites", async () => {
    const org = await createTestOrg({ mode: "disabled", sites: ["news"] });
    const page = await new TestBrowser().navigate(siteUrl(org.site("news").host));
    // Sites have their own, lighter policy (no framing by other origins), not the console's CSP.
    expect(page.headers["x-frame-options"]).toBe("SAMEORIGIN");
    expect(String(page.headers["content-security-policy"])).not.toContain("script-src");
  });
});

describe("what the pages show", () => {
  it("the settings page preselects the current mode, explains each, and draws the selected mode's flow", async () => {
    const org = await createTestOrg({ mode: "opt_in", sites: ["news"] });
    const { browser } = await staffBrowser([{ orgId: org.id, role: "admin" }]);
    const page = await browser.navigate(adminUrl(`/orgs/${org.slug}/identity/settings`));
    const radios = [...page.body.matchAll(/<input type="radio"[^>]*name="mode"[^>]*>/g)].map((m) => m[0]);
    expect(radios).toHaveLength(3);
    expect(radios.filter((r) => /checked=""/.test(r))).toEqual([expect.stringContaining('value="opt_in"')]);
    expect(page.body).toContain("Single Sign-On (SSO)");
    for (const label of ["Auto Login", "Opt In", "Disabled"]) expect(page.body).toContain(label);
    expect(page.body).toMatch(/<svg[^>]*role="img"/);
    expect(page.body).toContain("Opt In: recognised, asked first");
  });

  it("the audit log shows a mode change with who and old → new, filters, and refuses a bad filter without failing", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser, staff } = await staffBrowser([{ orgId: org.id, role: "admin" }]);
    expect((await browser.json(adminUrl(`/api/orgs/${org.slug}/sso`), { method: "PUT", body: { mode: "disabled" } })).status).toBe(200);
    const audit = await browser.navigate(adminUrl(`/orgs/${org.slug}/audit?type=changes`));
    expect(audit.status).toBe(200);
    expect(audit.body).toContain("mode: auto_login → disabled");
    // Long values carry line-break opportunities (<wbr>) so every column fits at 1280 px.
    expect(audit.body.replace(/<wbr\/?>/g, "")).toContain(staff.email);
    const security = await browser.navigate(adminUrl(`/orgs/${org.slug}/audit?type=security`));
    expect(security.body).not.toContain("auto_login → disabled");
    const bad = await browser.navigate(adminUrl(`/orgs/${org.slug}/audit?type=${encodeURIComponent("'; drop table")}&from=yesterday`));
    expect(bad.status).toBe(200);
    expect(bad.body).toContain('role="alert"');
  });

  it("the activity page draws each site's charts as accessible SVG images with the numbers in a table", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news", "sport"] });
    await new TestBrowser().navigate(siteUrl(org.site("news").host));
    const { browser } = await staffBrowser([{ orgId: org.id, role: "viewer" }]);
    const page = await browser.navigate(adminUrl(`/orgs/${org.slug}/activity`));
    expect(page.status).toBe(200);
    expect(page.body).toContain(org.site("news").name);
    expect(page.body).toContain(org.site("sport").name);
    expect([...page.body.matchAll(/<svg[^>]*role="img"/g)]).toHaveLength(2 * 5);
    expect(page.body).toMatch(/<title id="chart-news-issued-title">OTTs issued: 1 in the last 24 hours/);
    expect(page.body).toContain(`One-time tokens per hour on ${org.site("news").name}`);
  });
});
