// Hosted sign-in on the auth domain (issue 17), over HTTP against the real server: the new
// sign-in surface's rules, each in a test named after it.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { TestBrowser } from "./browser";
import { createTestOrg, type TestOrg } from "./factory";
import { siteUrl, ssoStatus } from "./flows";
import { visit } from "./scenarios";
import { authUrl, locationOf, SESSION_COOKIE, TOKEN_COOKIE } from "./sso-steps";

const CSRF_COOKIE = "__Host-mss_hosted_csrf";

async function hostedOrg(mode: "auto_login" | "opt_in" = "auto_login"): Promise<TestOrg> {
  const org = await createTestOrg({ mode, sites: ["news", "sport"] });
  await db.organization.update({ where: { id: org.id }, data: { hostedSignIn: true } });
  return org;
}

/** A reader's way to the hosted page: the site's link, then the auth domain's page (which sets the CSRF cookie). */
async function openHostedPage(browser: TestBrowser, org: TestOrg, options: { site?: string; view?: string; returnPath?: string } = {}) {
  const host = org.site(options.site ?? "news").host;
  await visit(browser, host);
  const start = await browser.request(siteUrl(host, `/sso/hosted?view=${options.view ?? "signin"}&return=${encodeURIComponent(options.returnPath ?? "/")}`), { navigation: true });
  const pageUrl = locationOf(start) ?? "";
  const page = await browser.request(pageUrl, { navigation: true });
  const state = new URL(pageUrl).searchParams.get("state") ?? "";
  return { start, pageUrl, page, state, csrf: browser.cookie(org.authHost, CSRF_COOKIE) ?? "" };
}

function postHostedForm(browser: TestBrowser, org: TestOrg, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return browser.request(authUrl(org, "/api/hosted-sign-in"), {
    method: "POST",
    body: new URLSearchParams(fields).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded", origin: new URL(authUrl(org, "/")).origin, ...headers },
  });
}

describe("hosted sign-in", () => {
  it("a hosted sign-in goes only to the site's registered callback and signs the site session in there (a new session secret)", async () => {
    const org = await hostedOrg();
    const reader = await org.createReader();
    const browser = new TestBrowser();
    const opened = await openHostedPage(browser, org, { returnPath: "/articles/night-trains" });
    expect(new URL(opened.pageUrl).host).toBe(new URL(authUrl(org, "/")).host);
    expect(opened.pageUrl).not.toContain("night-trains");
    expect(opened.page.status).toBe(200);
    const before = browser.cookie(org.site("news").host, SESSION_COOKIE);
    const answer = await postHostedForm(browser, org, { action: "signin", site: "news", state: opened.state, csrf: opened.csrf, email: reader.email, password: reader.password });
    expect(answer.status).toBe(303);
    const callback = new URL(locationOf(answer) ?? "");
    expect(`${callback.origin}${callback.pathname}`).toBe(siteUrl(org.site("news").host, "/sso/callback"));
    const back = await browser.navigate(callback.toString());
    expect(back.hops[0]?.location).toBe("/articles/night-trains");
    expect(browser.cookie(org.site("news").host, SESSION_COOKIE)).not.toBe(before);
    expect((await ssoStatus(browser, org.site("news").host)).status).toBe("authenticated");
    await visit(browser, org.site("sport").host);
    expect((await ssoStatus(browser, org.site("sport").host)).status).toBe("authenticated");
  });

  it("hosted sign-in rotates the auth domain's SSO token secret (a secret planted before the sign-in is worthless after it)", async () => {
    const org = await hostedOrg();
    const reader = await org.createReader();
    const browser = new TestBrowser();
    const opened = await openHostedPage(browser, org);
    const planted = browser.cookie(org.authHost, TOKEN_COOKIE);
    expect(planted).not.toBeNull();
    const answer = await postHostedForm(browser, org, { action: "signin", site: "news", state: opened.state, csrf: opened.csrf, email: reader.email, password: reader.password });
    expect(answer.status).toBe(303);
    const after = browser.cookie(org.authHost, TOKEN_COOKIE);
    expect(after).not.toBeNull();
    expect(after).not.toBe(planted);
  });

  it("hosted sign-in refuses a form posted from another origin (login CSRF): 403, nobody signed in", async () => {
    const org = await hostedOrg();
    const reader = await org.createReader();
    const browser = new TestBrowser();
    const opened = await openHostedPage(browser, org);
    for (const origin of [siteUrl(org.site("news").host, "/").replace(/\/$/, ""), "https://evil.example"]) {
      const answer = await postHostedForm(browser, org, { action: "signin", site: "news", state: opened.state, csrf: opened.csrf, email: reader.email, password: reader.password }, { origin, "sec-fetch-site": "cross-site" });
      expect(answer.status, origin).toBe(403);
      expect(locationOf(answer)).toBeNull();
    }
  });

  it("hosted sign-in refuses a form whose CSRF token is not this browser's cookie's (double submit)", async () => {
    const org = await hostedOrg();
    const reader = await org.createReader();
    const browser = new TestBrowser();
    const opened = await openHostedPage(browser, org);
    const other = await openHostedPage(new TestBrowser(), org);
    for (const csrf of ["", other.csrf]) {
      const answer = await postHostedForm(browser, org, { action: "signin", site: "news", state: opened.state, csrf, email: reader.email, password: reader.password });
      expect(answer.status, `csrf=${csrf.slice(0, 4)}`).toBe(403);
    }
  });

  it("the hosted page and form of a site of another organisation are refused (404): the site id in the URL must belong to this auth domain's organisation", async () => {
    const org = await hostedOrg();
    const other = await hostedOrg();
    await db.site.update({ where: { id: other.site("sport").id }, data: { slug: "elsewhere" } });
    const reader = await other.createReader();
    const browser = new TestBrowser();
    const opened = await openHostedPage(browser, org);
    const page = await browser.request(authUrl(org, `/signin?site=elsewhere&state=${opened.state}`), { navigation: true });
    expect(page.status).toBe(404);
    const answer = await postHostedForm(browser, org, { action: "signin", site: "elsewhere", state: opened.state, csrf: opened.csrf, email: reader.email, password: reader.password });
    expect(answer.status).toBe(404);
  });

  it("the hosted pages cannot be framed, load nothing, and their forms may end only on the auth domain or the site's registered callback origin", async () => {
    const org = await hostedOrg();
    const { page } = await openHostedPage(new TestBrowser(), org);
    const csp = String(page.headers["content-security-policy"]);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`form-action 'self' ${new URL(siteUrl(org.site("news").host, "/")).origin}`);
    expect(page.headers["x-frame-options"]).toBe("DENY");
    expect(page.body).not.toContain("<script");
  });

  it("a return URL given to the auth domain is refused (the return path stays on the site, made safe there)", async () => {
    const org = await hostedOrg();
    const browser = new TestBrowser();
    const opened = await openHostedPage(browser, org);
    const page = await browser.request(`${opened.pageUrl}&return=${encodeURIComponent("https://evil.example/")}`, { navigation: true });
    expect(page.status).toBe(400);
    const answer = await postHostedForm(browser, org, { action: "signin", site: "news", state: opened.state, csrf: opened.csrf, email: "a@example.com", password: "x", return: "https://evil.example/" });
    expect(answer.status).toBe(400);
  });

  it("hosted sign-in failures are rate limited per client address and account: the 6th wrong password from one address is refused with 429, another address still signs in", async () => {
    const org = await hostedOrg();
    const reader = await org.createReader();
    const browser = new TestBrowser();
    const opened = await openHostedPage(browser, org);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const answer = await postHostedForm(browser, org, { action: "signin", site: "news", state: opened.state, csrf: opened.csrf, email: reader.email, password: "wrong-password" });
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // A spoofed X-Forwarded-For from an untrusted peer would not help; a genuinely other client is unaffected.
    const elsewhere = new TestBrowser();
    const theirs = await openHostedPage(elsewhere, org);
    const answer = await postHostedForm(elsewhere, org, { action: "signin", site: "news", state: theirs.state, csrf: theirs.csrf, email: reader.email, password: reader.password });
    expect(answer.status).toBe(303);
  });

  it("Continue signs in only as the reader this browser's own token is signed in as (no identifier in the form), and not at all without one", async () => {
    const org = await hostedOrg("opt_in");
    const reader = await org.createReader();
    const browser = new TestBrowser();
    const opened = await openHostedPage(browser, org);
    // An email in the form names nobody: only this browser's token counts, and it is signed in as no one yet.
    const noneAtAll = await postHostedForm(browser, org, { action: "continue", site: "news", state: opened.state, csrf: opened.csrf, email: reader.email });
    expect(noneAtAll.status).toBe(409);
    const signIn = await postHostedForm(browser, org, { action: "signin", site: "news", state: opened.state, csrf: opened.csrf, email: reader.email, password: reader.password });
    await browser.navigate(new URL(locationOf(signIn) ?? "").toString());
    const onSport = await openHostedPage(browser, org, { site: "sport", view: "continue" });
    expect(onSport.page.body).toContain("Continue to");
    const cont = await postHostedForm(browser, org, { action: "continue", site: "sport", state: onSport.state, csrf: onSport.csrf });
    expect(cont.status).toBe(303);
    await browser.navigate(new URL(locationOf(cont) ?? "").toString());
    expect((await ssoStatus(browser, org.site("sport").host)).status).toBe("authenticated");
  });

  it("where the organisation does not host sign-in, the auth domain has no sign-in page (404) and the site's start leads to its own page", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const browser = new TestBrowser();
    await visit(browser, org.site("news").host);
    const start = await browser.request(siteUrl(org.site("news").host, "/sso/hosted?return=/x"), { navigation: true });
    expect(start.status).toBe(302);
    expect(locationOf(start)).toBe("/signin?here=1&return=%2Fx");
    const page = await browser.request(authUrl(org, `/signin?site=news&state=${"A".repeat(43)}`), { navigation: true });
    expect(page.status).toBe(404);
  });
});
