// No open redirect through any parameter (design §3, §7): the auth domain redirects only to
// the site's registered callback, the callback only to a relative, same-site return path.
// Every Location a browser sees during a flow is collected and checked against the
// organisation's registered hosts.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { TestBrowser } from "./browser";
import { createTestOrg, type TestOrg } from "./factory";
import { siteUrl } from "./flows";
import {
  authUrl,
  expectLocationsOnRegisteredHosts,
  findOtt,
  freshNonce,
  handshakeUntilCallback,
  isSafeLocation,
  locationOf,
  rawNavigation,
  sessionOf,
  stateCookieName,
  walkRedirects,
} from "./sso-steps";

const ARTICLE = "/articles/harbour-bridge-reopens";
const EVIL = "https://evil.example";

function registeredHosts(org: TestOrg): string[] {
  return [org.authHost, ...Object.values(org.sites).map((site) => site.host)];
}

describe("the Location checker used below", () => {
  it("flags absolute URLs off the registered hosts and protocol-relative or backslashed paths, and accepts our own", () => {
    const allowed = ["news-x.localhost", "auth-x.localhost"];
    for (const bad of ["https://evil.example/", "//evil.example", "/\\evil.example", "\\\\evil.example", "javascript:alert(1)", "/\t/evil.example", "https://news-x.localhost.evil.example/", "https:evil.example", "http://news-x.localhost@evil.example/", "https:\\\\evil.example"]) {
      expect(isSafeLocation(bad, allowed), bad).toBe(false);
    }
    for (const good of ["/", "/a?next=https://evil.example", "/%2F%2Fevil.example", "http://news-x.localhost:3000/sso/callback?ott=x", "https://auth-x.localhost/sso/handshake", "http://news-x.localhost/\\evil.example"]) {
      expect(isSafeLocation(good, allowed), good).toBe(true);
    }
  });
});

describe("the handshake redirects only to the registered callback", () => {
  it.each(["redirect_uri", "callback", "callbackUrl", "return", "return_to", "next", "redirect", "url", "continue"])(
    "an extra `%s=https://evil.example` query parameter is refused with 400, or ignored: never followed",
    async (param) => {
      const org = await createTestOrg({ mode: "auto_login" });
      const news = org.site("news");
      const query = new URLSearchParams({ site: "news", state: freshNonce(), [param]: `${EVIL}/steal` });
      const response = await new TestBrowser().request(authUrl(org, `/sso/handshake?${query}`), { navigation: true });

      const location = locationOf(response);
      if (response.status === 302) {
        const target = new URL(location as string);
        expect(`${target.origin}${target.pathname}`).toBe(siteUrl(news.host, "/sso/callback"));
      } else {
        expect(response.status).toBe(400);
        expect(location).toBeNull();
      }
      expect(await db.oneTimeToken.count({ where: { orgId: org.id } })).toBe(response.status === 302 ? 1 : 0);
    },
  );

  it("the handshake's redirect goes to the registered callback whatever forwarding headers claim", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const news = org.site("news");
    const browser = new TestBrowser();
    const response = await browser.request(authUrl(org, `/sso/handshake?site=news&state=${freshNonce()}`), {
      navigation: true,
      headers: { "x-forwarded-host": "evil.example", forwarded: "host=evil.example;proto=https", referer: `${EVIL}/` },
    });
    expect(response.status).toBe(302);
    const target = new URL(locationOf(response) as string);
    expect(`${target.origin}${target.pathname}`).toBe(siteUrl(news.host, "/sso/callback"));
  });

  it("the site sends a handshake only to its organisation's auth host, whatever forwarding headers claim", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const news = org.site("news");
    const response = await new TestBrowser().request(siteUrl(news.host, ARTICLE), {
      navigation: true,
      headers: { "x-forwarded-host": "evil.example", forwarded: "host=evil.example", referer: `${EVIL}/` },
    });
    expect(response.status).toBe(302);
    expect(new URL(locationOf(response) as string).hostname).toBe(org.authHost);
  });
});

describe("return paths: every Location seen during a flow stays on the registered hosts", () => {
  const hostile = [
    "//evil.example/x",
    "///evil.example/x",
    "/\\evil.example",
    "/\\/evil.example",
    "/%2F%2Fevil.example",
    "/%5C%5Cevil.example",
    "/%2F/evil.example",
    "/.//evil.example",
    "/%2e//evil.example",
    "/articles/..//evil.example",
    "/articles/%2e%2e//evil.example",
    "/https://evil.example",
    "/@evil.example",
    "/%09/evil.example",
    "/a?next=https://evil.example",
    `${ARTICLE}?return=//evil.example&redirect_uri=https://evil.example`,
    `/${"a".repeat(3000)}`,
    `/articles/${"x".repeat(2030)}`,
    `/?q=${"//evil.example".repeat(400)}`,
  ];

  it.each(hostile.map((path) => [path.length > 80 ? `${path.slice(0, 40)}… (${path.length} chars)` : path, path]))(
    "navigating to %s never yields a Location off the site, its sister sites or the auth host",
    async (_label, path) => {
      const org = await createTestOrg({ mode: "auto_login" });
      const news = org.site("news");
      const allowed = registeredHosts(org);

      // As a browser would send it (WHATWG-normalised), and byte for byte (as a script can).
      const normalised = new TestBrowser();
      const viaBrowser = await walkRedirects(normalised, siteUrl(news.host, path), { allowedHosts: allowed });
      const raw = new TestBrowser();
      const first = await rawNavigation(raw, news.host, path);
      const viaRaw = await walkRedirects(raw, `http://${news.host}:${new URL(siteUrl(news.host)).port}${path}`, { allowedHosts: allowed, first });

      for (const walk of [viaBrowser, viaRaw]) {
        expect(walk.escapedTo).toBeNull();
        expectLocationsOnRegisteredHosts(walk.locations, allowed);
        expect(walk.final.status).toBeLessThan(500);
        // Whatever happened, the browser ends on the site itself.
        expect(new URL(walk.final.url).hostname).toBe(news.host);
      }
    },
  );

  it("a flow that starts a handshake returns with a relative Location naming the page asked for, query included", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const news = org.site("news");
    const walk = await walkRedirects(new TestBrowser(), siteUrl(news.host, "/a?next=https://evil.example"), { allowedHosts: registeredHosts(org) });
    expect(walk.urls.map((url) => new URL(url).hostname)).toEqual([news.host, org.authHost, news.host, news.host]);
    const back = new URL(walk.locations.at(-1) as string, "http://placeholder.invalid");
    expect(walk.locations.at(-1)).toMatch(/^\/a\?/);
    expect(back.pathname).toBe("/a");
    expect(back.searchParams.get("next")).toBe("https://evil.example");
  });
});

describe("the callback's return path", () => {
  const forgedReturns = [
    "https://evil.example/",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "/\t/evil.example",
    "/.//evil.example",
    "/%2e//evil.example",
    "/a/..//evil.example",
    "/%2E%2E//evil.example",
  ];

  it.each(forgedReturns)("a forged state cookie returning to %j cannot redirect off the site, and a genuine OTT still links", async (forged) => {
    const org = await createTestOrg({ mode: "auto_login" });
    const news = org.site("news");
    const browser = new TestBrowser();
    const steps = await handshakeUntilCallback(browser, news.host, ARTICLE);
    browser.setCookie(news.host, stateCookieName(steps.state), `${steps.state}.${Buffer.from(forged, "utf8").toString("base64url")}`);

    const callback = await browser.request(steps.callbackUrl, { navigation: true });

    expect(callback.status).toBe(302);
    const location = locationOf(callback) as string;
    expectLocationsOnRegisteredHosts([location], [news.host]);
    expect(location).toMatch(/^\/(?![/\\])/);
    if (!forged.startsWith("/") || forged.startsWith("//") || forged.startsWith("/\\")) expect(location).toBe("/");
    // The OTT was genuine: the session is linked all the same.
    expect((await sessionOf(browser, news.host))?.ssoTokenId).toBe((await findOtt(steps.ott))?.ssoTokenId);
  });

  it("return=, next= and redirect_uri= parameters on the callback URL are ignored: it returns to the page the handshake started from", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const news = org.site("news");
    const browser = new TestBrowser();
    const steps = await handshakeUntilCallback(browser, news.host, `${ARTICLE}?ref=home`);
    const url = new URL(steps.callbackUrl);
    url.searchParams.set("return", `${EVIL}/`);
    url.searchParams.set("next", "//evil.example");
    url.searchParams.set("redirect_uri", `${EVIL}/cb`);
    url.searchParams.set("returnTo", "/\\evil.example");

    const callback = await browser.request(url.toString(), { navigation: true });

    expect(callback.status).toBe(302);
    expect(locationOf(callback)).toBe(`${ARTICLE}?ref=home`);
    expect((await sessionOf(browser, news.host))?.ssoTokenId).not.toBeNull();
  });

  it("a refused callback (no state cookie, session present) with return=/next= parameters returns to a relative path on the site", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const news = org.site("news");
    const browser = new TestBrowser();
    const steps = await handshakeUntilCallback(browser, news.host, ARTICLE);
    browser.setCookie(news.host, stateCookieName(steps.state), "");
    const url = new URL(steps.callbackUrl);
    url.searchParams.set("return", `${EVIL}/`);
    url.searchParams.set("next", "//evil.example");

    const callback = await browser.request(url.toString(), { navigation: true });

    expect(callback.status).toBe(302);
    expect(locationOf(callback)).toBe("/");
  });
});

describe("next-auth's callbackUrl", () => {
  it("a sign-in with callbackUrl=https://evil.example answers with a URL on the site itself", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const news = org.site("news");
    const reader = await org.createReader();
    const browser = new TestBrowser();
    await browser.navigate(siteUrl(news.host, "/"));
    for (const callbackUrl of [`${EVIL}/`, "//evil.example", "/\\evil.example"]) {
      const csrf = await browser.json<{ csrfToken: string }>(siteUrl(news.host, "/api/auth/csrf"));
      const form = new URLSearchParams({ csrfToken: csrf.json.csrfToken, email: reader.email, password: reader.password, callbackUrl });
      const response = await browser.request(siteUrl(news.host, "/api/auth/callback/credentials"), {
        method: "POST",
        body: form.toString(),
        headers: { "content-type": "application/x-www-form-urlencoded" },
        sameOrigin: true,
      });
      expect(response.status, callbackUrl).toBeLessThan(500);
      const location = locationOf(response);
      if (location !== null) expectLocationsOnRegisteredHosts([location], [news.host]);
      if (response.headers["content-type"]?.includes("json")) {
        const { url } = JSON.parse(response.body) as { url?: string };
        if (url) expectLocationsOnRegisteredHosts([url], [news.host]);
      }
    }
  });
});
