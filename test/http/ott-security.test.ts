// The handshake and its one-time tokens under attack (design §3, §5, §7), over HTTP against
// the real server: single use under concurrency, expiry, binding to site, organisation and
// state nonce, replay revocation, plain-page refusals, headers and cookie attributes.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { hashSecret } from "@/lib/security/secrets";
import { TestBrowser } from "./browser";
import { createTestOrg } from "./factory";
import { signInWithPassword, siteUrl, ssoStatus } from "./flows";
import {
  auditEvents,
  authUrl,
  findOtt,
  freshNonce,
  handshakeUntilCallback,
  locationOf,
  sessionOf,
  setCookieLines,
  ssoTokenOf,
  SESSION_COOKIE,
  stateCookieCount,
  stateCookieName,
  TOKEN_COOKIE,
} from "./sso-steps";

const ARTICLE = "/articles/harbour-bridge-reopens";

function hostAndPath(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}${parsed.pathname}`;
}

/** A plain refusal page: a 4xx, HTML, and no Location header (a refused handshake never bounces). */
function expectPlainRefusal(response: { status: number; headers: Record<string, unknown> }, status: number): void {
  expect(response.status).toBe(status);
  expect(response.headers.location).toBeUndefined();
  expect(String(response.headers["content-type"])).toContain("text/html");
}

describe("the handshake (happy path)", () => {
  it("a first navigation in auto_login goes site → auth host /sso/handshake → site /sso/callback → the original path, and links the session to an SSO token", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const news = org.site("news");
    const browser = new TestBrowser();

    const page = await browser.navigate(siteUrl(news.host, `${ARTICLE}?ref=home`));

    expect(page.status).toBe(200);
    expect(page.hops.map((hop) => hostAndPath(hop.url))).toEqual([
      `${news.host}${ARTICLE}`,
      `${org.authHost}/sso/handshake`,
      `${news.host}/sso/callback`,
      `${news.host}${ARTICLE}`,
    ]);
    expect(page.hops.slice(0, 3).map((hop) => hop.status)).toEqual([302, 302, 302]);
    // Back to exactly the page asked for, query included, as a relative Location.
    expect(page.hops[2]?.location).toBe(`${ARTICLE}?ref=home`);
    const handshake = new URL(page.hops[1]?.url as string);
    expect(Object.fromEntries(handshake.searchParams)).toEqual({ site: "news", state: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });

    const token = await ssoTokenOf(browser, org);
    const session = await sessionOf(browser, news.host);
    expect(token).not.toBeNull();
    expect(session?.revokedAt).toBeNull();
    expect(session?.ssoTokenId).toBe(token?.id);
    expect(session?.handshakeFailedAt).toBeNull();
    // The state cookie is spent: it is cleared by the callback.
    expect(stateCookieCount(browser, news.host)).toBe(0);
    // Linked but nobody is signed in anywhere yet.
    expect((await ssoStatus(browser, news.host)).status).toBe("unknown");
    // Linked: the next navigation renders at once, with no new handshake.
    const again = await browser.navigate(siteUrl(news.host, "/"));
    expect(again.status).toBe(200);
    expect(again.hops).toHaveLength(1);
  });

  it("a reader signed in on one site is signed in on another site of the organisation after that site's one handshake", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const reader = await org.createReader();
    const browser = new TestBrowser();
    await browser.navigate(siteUrl(org.site("news").host, "/"));
    const signIn = await signInWithPassword(browser, org.site("news").host, reader.email, reader.password);
    expect(signIn.status).toBeLessThan(400);
    expect((await ssoStatus(browser, org.site("news").host)).status).toBe("authenticated");

    const sport = await browser.navigate(siteUrl(org.site("sport").host, "/"));
    expect(sport.status).toBe(200);
    expect(sport.hops.map((hop) => new URL(hop.url).hostname)).toEqual([
      org.site("sport").host,
      org.authHost,
      org.site("sport").host,
      org.site("sport").host,
    ]);
    const status = await ssoStatus(browser, org.site("sport").host);
    expect(status.status).toBe("authenticated");
    expect(status.user?.email).toBe(reader.email);
  });
});

describe("one-time tokens", () => {
  it("an OTT is single-use under concurrency: of 50 simultaneous redemptions exactly one links a session, none is a 5xx", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const news = org.site("news");
    const origin = new TestBrowser();
    const steps = await handshakeUntilCallback(origin, news.host, ARTICLE);
    const ottRow = await findOtt(steps.ott);
    expect(ottRow?.usedAt).toBeNull();

    const browsers = Array.from({ length: 50 }, () => {
      const browser = new TestBrowser();
      browser.setCookie(news.host, stateCookieName(steps.state), steps.stateCookie);
      return browser;
    });
    const responses = await Promise.all(browsers.map((browser) => browser.request(steps.callbackUrl, { navigation: true })));

    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status >= 500), `statuses: ${statuses.join(",")}`).toEqual([]);
    const winners = responses.filter((response) => setCookieLines(response).some((line) => line.startsWith(`${SESSION_COOKIE}=`) && !/max-age=0/i.test(line)));
    expect(winners).toHaveLength(1);
    expect(winners[0]?.status).toBe(302);
    expect(winners[0]?.headers.location).toBe(ARTICLE);
    // Every loser got a plain refusal page (no session to return to), not a redirect.
    const losers = responses.filter((response) => response !== winners[0]);
    expect(new Set(losers.map((response) => response.status))).toEqual(new Set([400]));
    expect(losers.every((response) => response.headers.location === undefined)).toBe(true);

    const after = await findOtt(steps.ott);
    expect(after?.usedAt).not.toBeNull();
    expect(after?.redeemedSessionId).not.toBeNull();
    const linked = await db.siteSession.findMany({ where: { ssoTokenId: after?.ssoTokenId as string, siteId: news.id } });
    expect(linked.map((session) => session.id)).toEqual([after?.redeemedSessionId]);
    // Each losing attempt is a replay of a used OTT, and is recorded as one.
    const replays = await auditEvents({ orgId: org.id, type: "sso.ott_replayed", siteId: news.id });
    expect(replays).toHaveLength(49);
  });

  it("an expired OTT is refused: no session is linked, no 5xx, the browser returns to its page and an sso.ott_expired event is recorded", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const news = org.site("news");
    const browser = new TestBrowser();
    const steps = await handshakeUntilCallback(browser, news.host, ARTICLE);
    await db.oneTimeToken.update({ where: { tokenHash: hashSecret(steps.ott) }, data: { expiresAt: new Date(Date.now() - 1_000) } });

    const callback = await browser.request(steps.callbackUrl, { navigation: true });

    // The browser has a site session: refusal sends it back to its page, unlinked and marked.
    expect(callback.status).toBe(302);
    expect(locationOf(callback)).toBe(ARTICLE);
    expect(setCookieLines(callback).some((line) => line.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
    const session = await sessionOf(browser, news.host);
    expect(session?.ssoTokenId).toBeNull();
    expect(session?.handshakeFailedAt).not.toBeNull();
    const ott = await findOtt(steps.ott);
    expect(ott?.usedAt).toBeNull();
    expect(ott?.redeemedSessionId).toBeNull();
    expect(await auditEvents({ orgId: org.id, type: "sso.ott_expired", siteId: news.id })).toHaveLength(1);
  });

  it("an OTT expires after the organisation's OTT lifetime (ottTtlSeconds)", async () => {
    const org = await createTestOrg({ mode: "auto_login", ottTtlSeconds: 1 });
    const news = org.site("news");
    const browser = new TestBrowser();
    const steps = await handshakeUntilCallback(browser, news.host, ARTICLE);
    const ott = await findOtt(steps.ott);
    expect((ott?.expiresAt.getTime() ?? 0) - (ott?.createdAt.getTime() ?? 0)).toBeLessThanOrEqual(1_000);
    // Wait (by the database clock, which decides) until the OTT is past its expiry.
    await expect
      .poll(async () => (await db.$queryRaw<{ expired: boolean }[]>`SELECT expires_at <= now() AS expired FROM one_time_tokens WHERE id = ${ott?.id}::uuid`)[0]?.expired, {
        timeout: 5_000,
        interval: 100,
      })
      .toBe(true);

    const callback = await browser.request(steps.callbackUrl, { navigation: true });
    expect(callback.status).toBe(302);
    expect((await sessionOf(browser, news.host))?.ssoTokenId).toBeNull();
    expect(await auditEvents({ orgId: org.id, type: "sso.ott_expired", siteId: news.id })).toHaveLength(1);
  });

  it("an OTT minted for one site is refused at another site of the same organisation (sso.ott_foreign), links nothing there, and stays redeemable only where it belongs", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const news = org.site("news");
    const sport = org.site("sport");
    const browser = new TestBrowser();
    const steps = await handshakeUntilCallback(browser, news.host, ARTICLE);
    // The sport callback with news's OTT, the state cookie (as if sport had started this state) present.
    browser.setCookie(sport.host, stateCookieName(steps.state), steps.stateCookie);
    const foreignUrl = new URL(steps.callbackUrl);
    foreignUrl.host = `${sport.host}:${foreignUrl.port}`;

    const foreign = await browser.request(foreignUrl.toString(), { navigation: true });

    expectPlainRefusal(foreign, 400);
    const ott = await findOtt(steps.ott);
    expect(ott?.usedAt).toBeNull();
    expect(await db.siteSession.count({ where: { siteId: sport.id, ssoTokenId: ott?.ssoTokenId as string } })).toBe(0);
    const events = await auditEvents({ orgId: org.id, type: "sso.ott_foreign", siteId: sport.id });
    expect(events).toHaveLength(1);

    // Refused elsewhere, it is still the news handshake's OTT: the news callback completes.
    const home = await browser.request(steps.callbackUrl, { navigation: true });
    expect(home.status).toBe(302);
    expect(locationOf(home)).toBe(ARTICLE);
    expect((await sessionOf(browser, news.host))?.ssoTokenId).toBe(ott?.ssoTokenId);
  });

  it("an OTT minted by one organisation's auth domain is refused on another organisation's site: no link, an sso.ott_foreign event in the site's organisation", async () => {
    const orgA = await createTestOrg({ mode: "auto_login" });
    const orgB = await createTestOrg({ mode: "auto_login" });
    const browser = new TestBrowser();
    const steps = await handshakeUntilCallback(browser, orgA.site("news").host, ARTICLE);
    const hostB = orgB.site("news").host;
    browser.setCookie(hostB, stateCookieName(steps.state), steps.stateCookie);
    const foreignUrl = new URL(steps.callbackUrl);
    foreignUrl.host = `${hostB}:${foreignUrl.port}`;

    const foreign = await browser.request(foreignUrl.toString(), { navigation: true });

    expectPlainRefusal(foreign, 400);
    expect(setCookieLines(foreign).some((line) => line.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
    const ott = await findOtt(steps.ott);
    expect(ott?.usedAt).toBeNull();
    expect(await db.siteSession.count({ where: { orgId: orgB.id, ssoTokenId: { not: null } } })).toBe(0);
    expect(await db.siteSession.count({ where: { ssoTokenId: ott?.ssoTokenId as string } })).toBe(0);
    expect(await auditEvents({ orgId: orgB.id, type: "sso.ott_foreign", siteId: orgB.site("news").id })).toHaveLength(1);
  });
});

describe("the state nonce", () => {
  it("a callback whose state differs from the state cookie is refused (sso.state_mismatch): the OTT is not consumed and nothing is linked", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const news = org.site("news");
    const browser = new TestBrowser();
    const steps = await handshakeUntilCallback(browser, news.host, ARTICLE);
    const tampered = new URL(steps.callbackUrl);
    tampered.searchParams.set("state", freshNonce());

    const callback = await browser.request(tampered.toString(), { navigation: true });

    expect(callback.status).toBe(302);
    // A state this browser never started names no state cookie of its own: back to the home
    // page, and the browser's real handshake (its own state cookie) is left as it was.
    expect(locationOf(callback)).toBe("/");
    expect(browser.cookie(news.host, stateCookieName(steps.state))).toBe(steps.stateCookie);
    expect((await sessionOf(browser, news.host))?.ssoTokenId).toBeNull();
    expect((await findOtt(steps.ott))?.usedAt).toBeNull();
    expect(await auditEvents({ orgId: org.id, type: "sso.state_mismatch", siteId: news.id })).toHaveLength(1);
  });

  it("login CSRF is refused: an OTT minted for another browser's state cannot be redeemed with this browser's own state", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const news = org.site("news");
    const attacker = new TestBrowser();
    const victim = new TestBrowser();
    const attackerSteps = await handshakeUntilCallback(attacker, news.host, "/");
    const victimSteps = await handshakeUntilCallback(victim, news.host, ARTICLE);
    // The attacker's OTT, with the victim's own state (which matches the victim's cookie).
    const forged = new URL(attackerSteps.callbackUrl);
    forged.searchParams.set("state", victimSteps.state);

    const callback = await victim.request(forged.toString(), { navigation: true });

    expect(callback.status).toBeLessThan(500);
    expect((await sessionOf(victim, news.host))?.ssoTokenId).toBeNull();
    expect((await findOtt(attackerSteps.ott))?.usedAt).toBeNull();
    expect(await auditEvents({ orgId: org.id, type: "sso.state_mismatch", siteId: news.id })).toHaveLength(1);
  });

  it("a callback without a state cookie, from a browser with no site session, is refused with a plain 400 page (no redirect, no session)", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const news = org.site("news");
    const steps = await handshakeUntilCallback(new TestBrowser(), news.host, ARTICLE);
    const stranger = new TestBrowser();

    const callback = await stranger.request(steps.callbackUrl, { navigation: true });

    expectPlainRefusal(callback, 400);
    expect(setCookieLines(callback).some((line) => line.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
    expect((await findOtt(steps.ott))?.usedAt).toBeNull();
    expect(await auditEvents({ orgId: org.id, type: "sso.state_mismatch", siteId: news.id })).toHaveLength(1);
  });

  it("a callback without a state cookie, from a browser with a session, returns to a relative path unlinked, and the next navigation does not start another handshake (no loops)", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const news = org.site("news");
    const browser = new TestBrowser();
    const steps = await handshakeUntilCallback(browser, news.host, ARTICLE);
    const sessionSecret = browser.cookie(news.host, SESSION_COOKIE) as string;
    expect(sessionSecret).not.toBeNull();

    const callback = await browser.request(steps.callbackUrl, { navigation: true, headers: { cookie: `${SESSION_COOKIE}=${sessionSecret}` } });

    expect(callback.status).toBe(302);
    const location = locationOf(callback) as string;
    expect(location).toMatch(/^\/(?![/\\])/);
    const session = await sessionOf(browser, news.host);
    expect(session?.ssoTokenId).toBeNull();
    expect(session?.handshakeFailedAt).not.toBeNull();
    // Only the failure mark may hold the next handshake back (not the "recently started" one).
    await db.siteSession.update({ where: { id: session?.id as string }, data: { handshakeStartedAt: new Date(Date.now() - 3_600_000) } });

    const next = await browser.navigate(siteUrl(news.host, "/"));
    expect(next.status).toBe(200);
    expect(next.hops).toHaveLength(1);
    expect(await db.oneTimeToken.count({ where: { siteId: news.id } })).toBe(1);
  });
});

describe("replays", () => {
  it("a callback URL replayed by another browser with the same state cookie is refused, revokes the first redemption's session, and records sso.ott_replayed", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const news = org.site("news");
    const first = new TestBrowser();
    const steps = await handshakeUntilCallback(first, news.host, ARTICLE);
    const redeemed = await first.request(steps.callbackUrl, { navigation: true });
    expect(redeemed.status).toBe(302);
    const firstSession = await sessionOf(first, news.host);
    expect(firstSession?.ssoTokenId).not.toBeNull();

    const thief = new TestBrowser();
    thief.setCookie(news.host, stateCookieName(steps.state), steps.stateCookie);
    const replay = await thief.request(steps.callbackUrl, { navigation: true });

    expectPlainRefusal(replay, 400);
    expect(setCookieLines(replay).some((line) => line.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
    expect((await db.siteSession.findUniqueOrThrow({ where: { id: firstSession?.id as string } })).revokedAt).not.toBeNull();
    expect((await ssoStatus(first, news.host)).status).toBe("unknown");
    const events = await auditEvents({ orgId: org.id, type: "sso.ott_replayed", siteId: news.id });
    expect(events).toHaveLength(1);
    expect(events[0]?.ip).toBe(thief.ip);
  });

  it("a replay revokes a session that had signed in after linking: the first browser is signed out", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const news = org.site("news");
    const reader = await org.createReader();
    const first = new TestBrowser();
    const steps = await handshakeUntilCallback(first, news.host, ARTICLE);
    expect((await first.request(steps.callbackUrl, { navigation: true })).status).toBe(302);
    await signInWithPassword(first, news.host, reader.email, reader.password);
    expect((await ssoStatus(first, news.host)).status).toBe("authenticated");

    const thief = new TestBrowser();
    thief.setCookie(news.host, stateCookieName(steps.state), steps.stateCookie);
    expect((await thief.request(steps.callbackUrl, { navigation: true })).status).toBe(400);

    const status = await ssoStatus(first, news.host);
    expect(status.status).toBe("unknown");
    expect(status.user).toBeNull();
  });
});

describe("handshake refusals: plain 4xx pages where there is no registered callback, else back to it with error (design §3)", () => {
  it("an unknown site slug → 404", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const response = await new TestBrowser().request(authUrl(org, `/sso/handshake?site=nowhere&state=${freshNonce()}`), { navigation: true });
    expectPlainRefusal(response, 404);
  });

  it("a site of another organisation named at this auth host → 404", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const other = await createTestOrg({ mode: "auto_login", sites: ["daily"] });
    const response = await new TestBrowser().request(authUrl(org, `/sso/handshake?site=daily&state=${freshNonce()}`), { navigation: true });
    expectPlainRefusal(response, 404);
    expect(await db.oneTimeToken.count({ where: { orgId: { in: [org.id, other.id] } } })).toBe(0);
  });

  it("SSO disabled for the organisation → back to the site's registered callback with error=sso_disabled, no OTT", async () => {
    const org = await createTestOrg({ mode: "disabled" });
    const state = freshNonce();
    const response = await new TestBrowser().request(authUrl(org, `/sso/handshake?site=news&state=${state}`), { navigation: true });
    expect(response.status).toBe(302);
    expect(locationOf(response)).toBe(`${siteUrl(org.site("news").host, "/sso/callback")}?error=sso_disabled&state=${state}`);
    expect(await db.oneTimeToken.count({ where: { orgId: org.id } })).toBe(0);
  });

  it("a site taken out of SSO by its kill switch (ssoEnabled=false), while the organisation is in auto_login → back to its callback with error=sso_disabled", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    await db.site.update({ where: { id: org.site("news").id }, data: { ssoEnabled: false } });
    const response = await new TestBrowser().request(authUrl(org, `/sso/handshake?site=news&state=${freshNonce()}`), { navigation: true });
    expect(response.status).toBe(302);
    expect(new URL(locationOf(response) ?? "").searchParams.get("error")).toBe("sso_disabled");
    expect(await db.oneTimeToken.count({ where: { orgId: org.id } })).toBe(0);
  });

  it("a missing or malformed state or site → 400", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const browser = new TestBrowser();
    for (const query of [
      "site=news",
      "site=news&state=",
      "site=news&state=garbage",
      `site=news&state=${freshNonce()}x`,
      `site=news&state=${freshNonce().slice(0, 42)}%2B`,
      `state=${freshNonce()}`,
      `site=NEWS%2F..&state=${freshNonce()}`,
      "",
    ]) {
      const response = await browser.request(authUrl(org, `/sso/handshake?${query}`), { navigation: true });
      expect(response.status, query).toBe(400);
      expect(response.headers.location, query).toBeUndefined();
    }
    expect(await db.oneTimeToken.count({ where: { orgId: org.id } })).toBe(0);
  });
});

describe("disabled mode", () => {
  it("with SSO disabled a navigation never goes to the auth host and no OTT is minted", async () => {
    const org = await createTestOrg({ mode: "disabled" });
    const browser = new TestBrowser();
    for (const [slug, path] of [["news", ARTICLE], ["sport", "/"]] as const) {
      const page = await browser.navigate(siteUrl(org.site(slug).host, path));
      expect(page.status).toBe(200);
      expect(page.hops).toHaveLength(1);
    }
    expect(stateCookieCount(browser, org.site("news").host)).toBe(0);
    expect(await db.oneTimeToken.count({ where: { orgId: org.id } })).toBe(0);
    expect(await db.ssoToken.count({ where: { orgId: org.id } })).toBe(0);
  });

  it("a site whose kill switch is off never sends a navigation to the auth host, while its sister sites do", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    await db.site.update({ where: { id: org.site("sport").id }, data: { ssoEnabled: false } });
    const browser = new TestBrowser();
    const sport = await browser.navigate(siteUrl(org.site("sport").host, "/"));
    expect(sport.status).toBe(200);
    expect(sport.hops).toHaveLength(1);
    expect(await db.oneTimeToken.count({ where: { siteId: org.site("sport").id } })).toBe(0);
    const news = await browser.navigate(siteUrl(org.site("news").host, "/"));
    expect(news.hops).toHaveLength(4);
  });
});

describe("headers of secret-bearing responses", () => {
  it("handshake and callback responses (redirects and refusals) carry referrer-policy: no-referrer and cache-control: no-store", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const news = org.site("news");
    const browser = new TestBrowser();
    const steps = await handshakeUntilCallback(browser, news.host, ARTICLE);
    const callback = await browser.request(steps.callbackUrl, { navigation: true });
    const refusedHandshake = await browser.request(authUrl(org, "/sso/handshake?site=news&state=garbage"), { navigation: true });
    const unknownSite = await browser.request(authUrl(org, `/sso/handshake?site=nowhere&state=${freshNonce()}`), { navigation: true });
    const refusedCallback = await new TestBrowser().request(steps.callbackUrl, { navigation: true });

    const responses = {
      "site → handshake redirect": steps.siteResponse,
      "handshake redirect": steps.handshakeResponse,
      "callback redirect": callback,
      "handshake 400": refusedHandshake,
      "handshake 404": unknownSite,
      "callback 400": refusedCallback,
    };
    for (const [name, response] of Object.entries(responses)) {
      expect(response.headers["referrer-policy"], name).toBe("no-referrer");
      expect(response.headers["cache-control"], name).toBe("no-store");
    }
    expect([callback.status, refusedHandshake.status, unknownSite.status, refusedCallback.status]).toEqual([302, 400, 404, 400]);
  });
});

describe("cookies", () => {
  type ParsedCookie = { name: string; attributes: Map<string, string | true> };

  function parseSetCookie(line: string): ParsedCookie {
    const [pair = "", ...rest] = line.split(";").map((part) => part.trim());
    const attributes = new Map<string, string | true>();
    for (const attribute of rest) {
      const eq = attribute.indexOf("=");
      if (eq < 0) attributes.set(attribute.toLowerCase(), true);
      else attributes.set(attribute.slice(0, eq).toLowerCase(), attribute.slice(eq + 1));
    }
    return { name: pair.slice(0, pair.indexOf("=")), attributes };
  }

  function expectProductCookie(line: string): void {
    const cookie = parseSetCookie(line);
    expect(cookie.name, line).toMatch(/^__Host-/);
    expect(cookie.attributes.get("httponly"), line).toBe(true);
    expect(cookie.attributes.get("secure"), line).toBe(true);
    expect(String(cookie.attributes.get("samesite")).toLowerCase(), line).toBe("lax");
    expect(cookie.attributes.get("path"), line).toBe("/");
    expect(cookie.attributes.has("domain"), line).toBe(false);
  }

  it("the site session, state, SSO token and known-device cookies are HttpOnly, Secure with the __Host- prefix, SameSite=Lax, Path=/ and host-only (no Domain) on *.localhost", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const news = org.site("news");
    const reader = await org.createReader();
    const browser = new TestBrowser();
    const steps = await handshakeUntilCallback(browser, news.host, ARTICLE);
    const callback = await browser.request(steps.callbackUrl, { navigation: true });
    // A browser with no session yet gets its session from the callback itself.
    const fresh = new TestBrowser();
    const freshSteps = await handshakeUntilCallback(new TestBrowser(), news.host, "/");
    fresh.setCookie(news.host, stateCookieName(freshSteps.state), freshSteps.stateCookie);
    const freshCallback = await fresh.request(freshSteps.callbackUrl, { navigation: true });
    const signIn = await signInWithPassword(browser, news.host, reader.email, reader.password);

    const lines = [steps.siteResponse, steps.handshakeResponse, callback, freshCallback, signIn].flatMap(setCookieLines);
    const ours = lines.filter((line) => /^(__Host-)?mss_/.test(line));
    const names = new Set(ours.map((line) => parseSetCookie(line).name));
    // The state cookies are one per handshake, named after their nonce.
    // The known-device cookie comes with the first successful password sign-in (lib/auth/sign-in-throttle.ts).
    expect(names).toEqual(new Set([SESSION_COOKIE, stateCookieName(steps.state), stateCookieName(freshSteps.state), TOKEN_COOKIE, "__Host-mss_device"]));
    // Seen: session set on the first page, on the callback of a session-less browser, and rotated at sign-in.
    expect(setCookieLines(steps.siteResponse).some((line) => line.startsWith(`${SESSION_COOKIE}=`))).toBe(true);
    expect(setCookieLines(freshCallback).some((line) => line.startsWith(`${SESSION_COOKIE}=`))).toBe(true);
    expect(setCookieLines(signIn).some((line) => line.startsWith(`${SESSION_COOKIE}=`))).toBe(true);
    expect(setCookieLines(steps.handshakeResponse).some((line) => line.startsWith(`${TOKEN_COOKIE}=`))).toBe(true);
    for (const line of ours) expectProductCookie(line);
    // No product cookie is ever set without the prefix on these hosts.
    expect(lines.filter((line) => /^mss_/.test(line))).toEqual([]);
  });
});
