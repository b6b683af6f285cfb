// The three SSO modes end to end at the HTTP level, with several simulated browsers against
// the real server and database (design §4).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { hashSecret } from "@/lib/security/secrets";
import { TestBrowser } from "./browser";
import { createTestOrg } from "./factory";
import { signInWithPassword, siteUrl, ssoStatus } from "./flows";

function hostsOf(hops: { url: string }[]): string[] {
  return hops.map((hop) => new URL(hop.url).hostname);
}

describe("Auto Login", () => {
  it("a site visited before signing in elsewhere is signed in on its next navigation, with no redirect", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const reader = await org.createReader({ displayName: "Ada Auto" });
    const browser = new TestBrowser();
    const news = org.site("news").host;
    const sport = org.site("sport").host;

    const firstNews = await browser.navigate(siteUrl(news, "/articles/night-trains"));
    expect(hostsOf(firstNews.hops)).toEqual([news, org.authHost, news, news]);
    expect(firstNews.body).toContain(`data-testid="signed-out"`);
    await browser.navigate(siteUrl(sport, "/"));
    expect((await signInWithPassword(browser, sport, reader.email, reader.password)).status).toBe(200);

    const back = await browser.navigate(siteUrl(news, "/articles/night-trains"));
    expect(back.hops).toHaveLength(1);
    expect(back.status).toBe(200);
    expect(back.body).toContain("Signed in as <!-- -->Ada Auto");
    expect(await ssoStatus(browser, news)).toMatchObject({ status: "authenticated", user: { email: reader.email } });
  });

  it("a site visited for the first time after signing in elsewhere is signed in after one handshake", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const reader = await org.createReader();
    const browser = new TestBrowser();
    await browser.navigate(siteUrl(org.site("news").host, "/"));
    await signInWithPassword(browser, org.site("news").host, reader.email, reader.password);

    const recipes = await browser.navigate(siteUrl(org.site("recipes").host, "/"));
    expect(hostsOf(recipes.hops).filter((h) => h === org.authHost)).toHaveLength(1);
    expect(recipes.status).toBe(200);
    const session = await db.siteSession.findFirst({ where: { siteId: org.site("recipes").id, revokedAt: null, readerId: reader.id } });
    expect(session?.authMethod).toBe("sso_auto");
  });

  it("signing the session in automatically rotates its secret; the old one finds the session only for the short grace other tabs need, then never again", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const reader = await org.createReader();
    const browser = new TestBrowser();
    const news = org.site("news").host;
    await browser.navigate(siteUrl(news, "/"));
    const before = browser.cookie(news, "__Host-mss_session");
    await browser.navigate(siteUrl(org.site("sport").host, "/"));
    await signInWithPassword(browser, org.site("sport").host, reader.email, reader.password);
    await browser.navigate(siteUrl(news, "/"));
    const after = browser.cookie(news, "__Host-mss_session");
    expect(before).toBeTruthy();
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);

    // Other tabs' requests already on their way with the old secret still find the session…
    const stale = new TestBrowser();
    stale.setCookie(news, "__Host-mss_session", before ?? "");
    expect((await ssoStatus(stale, news)).status).toBe("authenticated");
    // …until the grace ends (moved into the past here rather than waited for): then it is dead.
    await db.siteSession.updateMany({ where: { secretHash: hashSecret(after ?? "") }, data: { previousSecretExpiresAt: new Date(Date.now() - 1000) } });
    expect((await ssoStatus(stale, news)).status).toBe("unknown");
    expect((await ssoStatus(browser, news)).status).toBe("authenticated");
  });

  it("another browser is not signed in by this browser's sign-in", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const reader = await org.createReader();
    const mine = new TestBrowser();
    const theirs = new TestBrowser();
    await mine.navigate(siteUrl(org.site("news").host, "/"));
    await theirs.navigate(siteUrl(org.site("sport").host, "/"));
    await signInWithPassword(mine, org.site("news").host, reader.email, reader.password);
    await theirs.navigate(siteUrl(org.site("sport").host, "/"));
    expect((await ssoStatus(theirs, org.site("sport").host)).status).toBe("unknown");
  });
});

describe("Opt In", () => {
  it("reports known on another site, then use_sso signs in with a rotated cookie and no identifiers", async () => {
    const org = await createTestOrg({ mode: "opt_in" });
    const reader = await org.createReader({ displayName: "Olive Optin" });
    const browser = new TestBrowser();
    const news = org.site("news").host;
    const sport = org.site("sport").host;
    await browser.navigate(siteUrl(news, "/"));
    await signInWithPassword(browser, news, reader.email, reader.password);

    const page = await browser.navigate(siteUrl(sport, "/"));
    expect(page.body).toContain(`data-testid="signed-out"`);
    const known = await ssoStatus(browser, sport);
    expect(known.status).toBe("known");
    expect(known.user).toBeNull();
    expect(known.meta).toMatchObject({ hint: { email: `${reader.email[0]}•••@example.com`, site: org.site("news").name } });

    const before = browser.cookie(sport, "__Host-mss_session");
    const login = await browser.json(siteUrl(sport, "/api/sso/login"), { method: "POST", body: { use_sso: true } });
    expect(login.status).toBe(200);
    expect(login.json).toMatchObject({ status: "authenticated", user: { email: reader.email } });
    expect(browser.cookie(sport, "__Host-mss_session")).not.toBe(before);
    const session = await db.siteSession.findFirst({ where: { siteId: org.site("sport").id, readerId: reader.id, revokedAt: null } });
    expect(session?.authMethod).toBe("sso_opt_in");
  });

  it("never signs a site in by itself: known stays known across navigations", async () => {
    const org = await createTestOrg({ mode: "opt_in" });
    const reader = await org.createReader();
    const browser = new TestBrowser();
    await browser.navigate(siteUrl(org.site("news").host, "/"));
    await signInWithPassword(browser, org.site("news").host, reader.email, reader.password);
    for (let i = 0; i < 3; i++) await browser.navigate(siteUrl(org.site("sport").host, `/articles/${i}`));
    expect((await ssoStatus(browser, org.site("sport").host)).status).toBe("known");
  });
});

describe("Disabled", () => {
  it("never redirects to the auth domain and links nothing", async () => {
    const org = await createTestOrg({ mode: "disabled" });
    const reader = await org.createReader();
    const browser = new TestBrowser();
    const news = await browser.navigate(siteUrl(org.site("news").host, "/"));
    expect(news.hops).toHaveLength(1);
    await signInWithPassword(browser, org.site("news").host, reader.email, reader.password);
    const sport = await browser.navigate(siteUrl(org.site("sport").host, "/"));
    expect(sport.hops).toHaveLength(1);
    expect((await ssoStatus(browser, org.site("sport").host)).status).toBe("unknown");
    expect(await db.ssoToken.count({ where: { orgId: org.id } })).toBe(0);
    expect(await db.oneTimeToken.count({ where: { orgId: org.id } })).toBe(0);
  });
});

describe("mode changes while sessions exist", () => {
  it("a session created while SSO was disabled is linked on its next navigation once SSO is switched on", async () => {
    const org = await createTestOrg({ mode: "disabled" });
    const reader = await org.createReader();
    const browser = new TestBrowser();
    await browser.navigate(siteUrl(org.site("news").host, "/"));
    await browser.navigate(siteUrl(org.site("sport").host, "/"));
    await signInWithPassword(browser, org.site("sport").host, reader.email, reader.password);

    await org.setMode("auto_login");
    // The change is in force on the very next request: sport links (and authenticates the token) …
    const sport = await browser.navigate(siteUrl(org.site("sport").host, "/"));
    expect(hostsOf(sport.hops)).toContain(org.authHost);
    // … and news, anonymous since before, links and is signed in.
    const news = await browser.navigate(siteUrl(org.site("news").host, "/"));
    expect(hostsOf(news.hops)).toContain(org.authHost);
    expect((await ssoStatus(browser, org.site("news").host)).status).toBe("authenticated");
  });

  it("switching from Auto Login to Opt In stops automatic sign-in at the next request", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const reader = await org.createReader();
    const browser = new TestBrowser();
    await browser.navigate(siteUrl(org.site("news").host, "/"));
    await browser.navigate(siteUrl(org.site("sport").host, "/"));
    await signInWithPassword(browser, org.site("news").host, reader.email, reader.password);
    await org.setMode("opt_in");
    await browser.navigate(siteUrl(org.site("sport").host, "/"));
    expect((await ssoStatus(browser, org.site("sport").host)).status).toBe("known");
  });

  it("switching to Disabled stops handshakes and status reports nothing new", async () => {
    const org = await createTestOrg({ mode: "opt_in" });
    const browser = new TestBrowser();
    await org.setMode("disabled");
    const first = await browser.navigate(siteUrl(org.site("news").host, "/"));
    expect(first.hops).toHaveLength(1);
  });

  it("a site's kill switch takes only that site out of SSO", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    await db.site.update({ where: { id: org.site("sport").id }, data: { ssoEnabled: false } });
    const browser = new TestBrowser();
    expect((await browser.navigate(siteUrl(org.site("sport").host, "/"))).hops).toHaveLength(1);
    expect(hostsOf((await browser.navigate(siteUrl(org.site("news").host, "/"))).hops)).toContain(org.authHost);
  });

  it("a site's own mode overrides the organisation's", async () => {
    const org = await createTestOrg({ mode: "opt_in" });
    await db.site.update({ where: { id: org.site("sport").id }, data: { ssoModeOverride: "auto_login" } });
    const reader = await org.createReader();
    const browser = new TestBrowser();
    await browser.navigate(siteUrl(org.site("news").host, "/"));
    await signInWithPassword(browser, org.site("news").host, reader.email, reader.password);
    await browser.navigate(siteUrl(org.site("sport").host, "/"));
    await browser.navigate(siteUrl(org.site("recipes").host, "/"));
    expect((await ssoStatus(browser, org.site("sport").host)).status).toBe("authenticated");
    expect((await ssoStatus(browser, org.site("recipes").host)).status).toBe("known");
  });
});

describe("no redirect loops", () => {
  it("a handshake is not restarted on every navigation when the browser never completes it", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const browser = new TestBrowser();
    const news = org.site("news").host;
    const first = await browser.request(siteUrl(news, "/"), { navigation: true });
    expect(first.status).toBe(302);
    // The browser drops the handshake (e.g. the auth domain is unreachable) and navigates again.
    const again = await browser.request(siteUrl(news, "/"), { navigation: true });
    expect(again.status).toBe(200);
  });

  it("API calls, assets and non-GET requests never start a handshake", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const browser = new TestBrowser();
    const news = org.site("news").host;
    expect((await browser.request(siteUrl(news, "/api/sso/status"))).status).toBe(200);
    expect((await browser.request(siteUrl(news, "/favicon.ico"), { navigation: true })).status).not.toBe(302);
    expect((await browser.request(siteUrl(news, "/"), { method: "POST", body: "{}" })).status).not.toBe(302);
    expect((await browser.request(siteUrl(news, "/"), { headers: { rsc: "1", "sec-fetch-dest": "empty", "sec-fetch-mode": "cors" } })).status).not.toBe(302);
  });
});
