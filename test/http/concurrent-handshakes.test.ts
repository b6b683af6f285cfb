// Several handshakes of ONE browser on one site at the same time (a reader opening articles in
// tabs), hop by hop, interleaved as tabs interleave them. Each handshake has its own state
// cookie, so none overwrites another's state or return path; the login-CSRF defence still holds.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { MAX_HANDSHAKES_IN_FLIGHT } from "@/lib/sso/handshake-state";
import { TestBrowser } from "./browser";
import { createTestOrg } from "./factory";
import { signInWithPassword, siteUrl, ssoStatus } from "./flows";
import { handshakeUntilCallback, locationOf, stateCookieCount, ssoTokenOf } from "./sso-steps";

const ARTICLES = ["/articles/derby-draw", "/articles/marathon-record", "/articles/youth-cup"];

function ssoEvents(orgId: string) {
  return db.auditEvent.findMany({ where: { orgId, type: { startsWith: "sso." } }, select: { type: true } });
}

describe("concurrent handshakes of one browser", () => {
  it("a handshake does not overwrite another handshake's state: three started together each return to their own article, signed in, with no security event", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const reader = await org.createReader();
    const sport = org.site("sport").host;
    const browser = new TestBrowser();
    await browser.navigate(siteUrl(org.site("news").host, "/"));
    await signInWithPassword(browser, org.site("news").host, reader.email, reader.password);

    // Every tab gets as far as its callback before any callback comes back.
    const handshakes = [];
    for (const article of ARTICLES) handshakes.push(await handshakeUntilCallback(browser, sport, article));
    expect(stateCookieCount(browser, sport)).toBe(ARTICLES.length);

    // The callbacks come back in another order; each clears its own state cookie only.
    for (const index of [2, 0, 1]) {
      const steps = handshakes[index];
      if (!steps) throw new Error("no handshake");
      const before = stateCookieCount(browser, sport);
      const callback = await browser.request(steps.callbackUrl, { navigation: true });
      expect(callback.status).toBe(302);
      expect(locationOf(callback)).toBe(ARTICLES[index]);
      expect(stateCookieCount(browser, sport)).toBe(before - 1);
    }
    for (const article of ARTICLES) {
      const page = await browser.navigate(siteUrl(sport, article));
      expect(page.hops, `${article} renders at once`).toHaveLength(1);
      expect(page.body).toContain("Signed in as");
    }
    expect(await ssoEvents(org.id)).toEqual([]);
  });

  it(`at most ${MAX_HANDSHAKES_IN_FLIGHT} handshakes of one browser are in flight on a site: the next navigation renders without one`, async () => {
    const org = await createTestOrg({ mode: "opt_in", sites: ["news"] });
    const news = org.site("news").host;
    const browser = new TestBrowser();
    for (let i = 0; i < MAX_HANDSHAKES_IN_FLIGHT; i++) {
      const page = await browser.request(siteUrl(news, `/articles/a${i}`), { navigation: true });
      expect(page.status, `navigation ${i + 1}`).toBe(302);
    }
    expect(stateCookieCount(browser, news)).toBe(MAX_HANDSHAKES_IN_FLIGHT);
    const next = await browser.request(siteUrl(news, "/"), { navigation: true });
    expect(next.status).toBe(200);
    expect(stateCookieCount(browser, news)).toBe(MAX_HANDSHAKES_IN_FLIGHT);
  });

  it("an OTT minted for another browser is refused even while this browser has handshakes of its own in flight (login CSRF)", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const reader = await org.createReader();
    const sport = org.site("sport").host;
    // The attacker's own browser, signed in as the attacker: a genuine callback for sport.
    const attacker = new TestBrowser();
    await attacker.navigate(siteUrl(org.site("news").host, "/"));
    await signInWithPassword(attacker, org.site("news").host, reader.email, reader.password);
    const planted = await handshakeUntilCallback(attacker, sport, "/");

    const victim = new TestBrowser();
    for (const article of ARTICLES.slice(0, 2)) await handshakeUntilCallback(victim, sport, article);
    const response = await victim.request(planted.callbackUrl, { navigation: true });
    expect(response.status).toBe(302);
    expect(locationOf(response)).toBe("/");
    // The victim's own handshakes are untouched, and it is signed in as nobody.
    expect(stateCookieCount(victim, sport)).toBe(2);
    expect((await ssoStatus(victim, sport)).user).toBeNull();
    expect((await ssoEvents(org.id)).map((event) => event.type)).toEqual(["sso.state_mismatch"]);
  });

  it("the first handshakes of a fresh browser, each making an SSO token, leave it one: a sign-in afterwards is recognised on the other sites", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const reader = await org.createReader();
    const sport = org.site("sport").host;
    const browser = new TestBrowser();
    const first = await browser.request(siteUrl(sport, ARTICLES[0]), { navigation: true });
    const second = await browser.request(siteUrl(sport, ARTICLES[1]), { navigation: true });
    // Both reach the auth domain before either answer's cookie is back: two tokens, the second kept.
    const toAuth = (response: { headers: { location?: string } }) => new URL(locationOf(response) as string, siteUrl(sport)).toString();
    const mintedFirst = await browser.request(toAuth(first), { navigation: true });
    const mintedSecond = await browser.request(toAuth(second), { navigation: true, headers: { cookie: "" } });
    expect(await db.ssoToken.count({ where: { orgId: org.id } })).toBe(2);
    // The callbacks come back in the other order: the session is linked first to the token whose
    // cookie the browser kept, then the other tab's callback brings the token it did not keep.
    for (const minted of [mintedSecond, mintedFirst]) {
      const callback = await browser.request(locationOf(minted) as string, { navigation: true });
      expect(callback.status).toBe(302);
    }

    await signInWithPassword(browser, sport, reader.email, reader.password);
    const news = await browser.navigate(siteUrl(org.site("news").host, "/"));
    expect(news.body).toContain("Signed in as");
    // One token stands for the browser: the other one was merged into it.
    const kept = await ssoTokenOf(browser, org);
    expect(await db.ssoToken.findMany({ where: { orgId: org.id, mergedIntoId: null }, select: { id: true } })).toEqual([{ id: kept?.id }]);
    expect(await ssoEvents(org.id)).toEqual([]);
  });

  it("only an Auto Login keeps the rotated-away secret for a moment: a password sign-in forgets it at once", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const [first, second] = [await org.createReader(), await org.createReader()];
    const news = org.site("news").host;
    const browser = new TestBrowser();
    await browser.navigate(siteUrl(news, "/"));
    await browser.navigate(siteUrl(org.site("sport").host, "/"));
    await signInWithPassword(browser, org.site("sport").host, first.email, first.password);
    const anonymous = browser.cookie(news, "__Host-mss_session") ?? "";
    await browser.navigate(siteUrl(news, "/")); // Auto Login: signed in, secret rotated
    const autoSignedIn = browser.cookie(news, "__Host-mss_session") ?? "";
    expect(autoSignedIn).not.toBe(anonymous);

    await signInWithPassword(browser, news, second.email, second.password);
    for (const secret of [anonymous, autoSignedIn]) {
      const stale = new TestBrowser();
      stale.setCookie(news, "__Host-mss_session", secret);
      expect((await ssoStatus(stale, news)).user).toBeNull();
    }
  });
});
