// Handshakes that other parties cannot turn against a reader (design §3): the auth domain
// answers only top-level navigations and counts nothing else; a refused handshake goes back to
// the site's registered callback with `error`, and the site renders the page unlinked; a
// browser's handshakes count against its SSO token, not against the address it shares.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { OTT_MINT_PER_IP } from "@/lib/security/rate-limits";
import { hashSecret } from "@/lib/security/secrets";
import { TestBrowser } from "./browser";
import { createTestOrg } from "./factory";
import { siteUrl } from "./flows";
import { REPLAY_REVOCATION_WINDOW_SECONDS } from "@/lib/sso/redeem-one-time-token";
import { browserSignedInOn, statusOf } from "./scenarios";
import { auditEvents, authUrl, freshNonce, handshakeUntilCallback, locationOf, stateCookieName, TOKEN_COOKIE } from "./sso-steps";

const IMAGE = { "sec-fetch-dest": "image", "sec-fetch-mode": "no-cors", "sec-fetch-site": "cross-site", accept: "image/avif,image/webp,*/*" };

async function spendAddressMintBudget(ip: string): Promise<void> {
  await db.rateLimitBucket.upsert({
    where: { key: `ott-mint:ip:${ip}` },
    create: { key: `ott-mint:ip:${ip}`, count: OTT_MINT_PER_IP.limit, windowStart: new Date(), expiresAt: new Date(Date.now() + 60_000) },
    update: { count: OTT_MINT_PER_IP.limit, windowStart: new Date(), expiresAt: new Date(Date.now() + 60_000) },
  });
}

describe("handshakes are answered to top-level navigations only", () => {
  it("150 image-tag handshakes are refused before anything is counted, and a reader behind the same address reads the article signed in", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const reader = await org.createReader();
    const victimAddress = new TestBrowser().ip;
    const page = new TestBrowser({ ip: victimAddress });
    const answers = await Promise.all(
      Array.from({ length: 150 }, () => page.request(authUrl(org, `/sso/handshake?site=news&state=${freshNonce()}`), { headers: IMAGE })),
    );
    const statuses = answers.reduce<Record<number, number>>((count, r) => ({ ...count, [r.status]: (count[r.status] ?? 0) + 1 }), {});
    console.log(`[figures] 150 image-tag handshakes: ${JSON.stringify(statuses)}`);
    expect(statuses).toEqual({ 403: 150 });
    expect(answers.every((r) => r.headers.location === undefined)).toBe(true);
    expect(await db.rateLimitBucket.findUnique({ where: { key: `ott-mint:ip:${victimAddress}` } })).toBeNull();
    expect(await db.oneTimeToken.count({ where: { orgId: org.id } })).toBe(0);

    // The reader behind that address: signed in on news, opens sport — the article, signed in.
    const browser = await browserSignedInOn(org.site("news").host, reader, new TestBrowser({ ip: victimAddress }));
    const article = await browser.navigate(siteUrl(org.site("sport").host, "/articles/derby-draw"));
    expect(article.status).toBe(200);
    expect(new URL(article.url).pathname).toBe("/articles/derby-draw");
    expect(article.hops.every((hop) => hop.status !== 429)).toBe(true);
  });
});

describe("a refused handshake sends the browser back to the site, which renders the page unlinked", () => {
  it("rate-limited: the auth domain answers a 302 to the registered callback with error=rate_limited and no OTT, and the article renders", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const browser = new TestBrowser();
    await spendAddressMintBudget(browser.ip);
    const article = await browser.navigate(siteUrl(org.site("sport").host, "/articles/derby-draw"));
    const handshakeHop = article.hops.find((hop) => new URL(hop.url).pathname === "/sso/handshake");
    expect(handshakeHop?.status).toBe(302);
    const callback = new URL(handshakeHop?.location ?? "");
    expect(`${callback.protocol}//${callback.host}${callback.pathname}`).toBe(siteUrl(org.site("sport").host, "/sso/callback"));
    expect(callback.searchParams.get("error")).toBe("rate_limited");
    expect(callback.searchParams.has("ott")).toBe(false);
    expect(article.status).toBe(200);
    expect(new URL(article.url).pathname).toBe("/articles/derby-draw");
    // No redemption was attempted: nothing counted against the browser, no OTT security event.
    expect(await auditEvents({ orgId: org.id, type: "sso.ott_invalid" })).toHaveLength(0);
    expect(await auditEvents({ orgId: org.id, type: "sso.state_mismatch" })).toHaveLength(0);
    expect(await auditEvents({ orgId: org.id, type: "sso.rate_limited" })).toHaveLength(1);
    // And the site does not retry at once: the next page renders directly.
    const next = await browser.navigate(siteUrl(org.site("sport").host, "/"));
    expect(next.hops).toHaveLength(1);
  });

  it("site out of SSO: error=sso_disabled back to the callback, the page renders; an unknown site still gets a plain 404 page", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const direct = await new TestBrowser().request(authUrl(org, `/sso/handshake?site=news&state=${freshNonce()}`), { navigation: true });
    expect(direct.status).toBe(302);
    await db.site.update({ where: { id: org.site("news").id }, data: { ssoEnabled: false } });
    const refused = await new TestBrowser().request(authUrl(org, `/sso/handshake?site=news&state=${freshNonce()}`), { navigation: true });
    expect(refused.status).toBe(302);
    expect(new URL(locationOf(refused) ?? "").searchParams.get("error")).toBe("sso_disabled");
    const unknown = await new TestBrowser().request(authUrl(org, `/sso/handshake?site=nowhere&state=${freshNonce()}`), { navigation: true });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.location).toBeUndefined();
  });

  it("a callback's error is honoured only with this browser's own state: a forged one changes nothing", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const browser = new TestBrowser();
    // The browser has a session whose handshake is in flight (it stopped at the auth domain).
    const started = await browser.request(siteUrl(org.site("news").host, "/articles/derby-draw"), { navigation: true });
    expect(started.status).toBe(302);
    const forged = await browser.request(siteUrl(org.site("news").host, `/sso/callback?error=rate_limited&state=${freshNonce()}`), { navigation: true });
    expect(forged.status).toBe(302);
    expect(locationOf(forged)).toBe("/");
    const session = await db.siteSession.findFirstOrThrow({ where: { siteId: org.site("news").id }, orderBy: { createdAt: "desc" } });
    expect(session.handshakeFailedAt).toBeNull();
    // Without any session (cookies refused), a refusal stops on a plain page: a redirect could only loop.
    const cookieless = await new TestBrowser().request(siteUrl(org.site("news").host, `/sso/callback?error=rate_limited&state=${freshNonce()}`), { navigation: true });
    expect(cookieless.status).toBe(400);
    expect(cookieless.headers.location).toBeUndefined();
  });
});

describe("mint limits key on the SSO token first", () => {
  it("a browser with a live SSO token still links when its address's budget for new tokens is spent", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const reader = await org.createReader();
    const browser = await browserSignedInOn(org.site("news").host, reader);
    await spendAddressMintBudget(browser.ip);
    const article = await browser.navigate(siteUrl(org.site("sport").host, "/articles/derby-draw"));
    expect(article.status).toBe(200);
    const callbackHop = article.hops.find((hop) => new URL(hop.url).pathname === "/sso/handshake");
    expect(new URL(callbackHop?.location ?? "").searchParams.has("ott")).toBe(true);
  });
});

describe("the SSO token's secret is rotated when the token gains privilege (design §7)", () => {
  it("after a sign-in, the next handshake replaces the auth domain's cookie; the old secret works for a short grace, then no longer", async () => {
    const org = await createTestOrg({ mode: "opt_in" });
    const reader = await org.createReader();
    const browser = await browserSignedInOn(org.site("news").host, reader);
    const before = browser.cookie(org.authHost, TOKEN_COOKIE);
    expect(before).not.toBeNull();
    const token = await db.ssoToken.findUniqueOrThrow({ where: { secretHash: hashSecret(before ?? "") } });
    expect(token.readerId).toBe(reader.id);

    await browser.navigate(siteUrl(org.site("sport").host, "/"));
    const after = browser.cookie(org.authHost, TOKEN_COOKIE);
    expect(after).not.toBeNull();
    expect(after).not.toBe(before);
    const rotated = await db.ssoToken.findUniqueOrThrow({ where: { secretHash: hashSecret(after ?? "") } });
    expect(rotated.id).toBe(token.id);
    expect(rotated.rotateSecret).toBe(false);

    // A tab still holding the old cookie, within the grace: same token, no new cookie.
    const oldTab = new TestBrowser({ ip: browser.ip });
    oldTab.setCookie(org.authHost, TOKEN_COOKIE, before ?? "");
    const graced = await oldTab.request(authUrl(org, `/sso/handshake?site=recipes&state=${freshNonce()}`), { navigation: true });
    expect(graced.status).toBe(302);
    expect(graced.headers["set-cookie"] ?? []).toEqual([]);

    // After the grace, the old secret is worth nothing: it gets a fresh anonymous token.
    await db.ssoToken.update({ where: { id: token.id }, data: { previousSecretExpiresAt: new Date(Date.now() - 1000) } });
    const late = await oldTab.request(authUrl(org, `/sso/handshake?site=recipes&state=${freshNonce()}`), { navigation: true });
    const fresh = oldTab.cookie(org.authHost, TOKEN_COOKIE);
    expect(late.status).toBe(302);
    expect(fresh).not.toBe(before);
    expect((await db.ssoToken.findUniqueOrThrow({ where: { secretHash: hashSecret(fresh ?? "") } })).readerId).toBeNull();
  });
});

describe("a used callback URL is not a logout token", () => {
  it("replayed without its state cookie (a proxy log, shared history), it signs no one out and counts against no one", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const reader = await org.createReader();
    const owner = await browserSignedInOn(org.site("news").host, reader);
    const steps = await handshakeUntilCallback(owner, org.site("sport").host, "/articles/derby-draw");
    expect((await owner.request(steps.callbackUrl, { navigation: true })).status).toBe(302);
    expect(await statusOf(owner, org.site("sport").host)).toBe("authenticated");

    const stranger = new TestBrowser();
    for (let i = 0; i < 3; i++) await stranger.request(steps.callbackUrl, { navigation: true });
    expect(await statusOf(owner, org.site("sport").host)).toBe("authenticated");
    expect(await auditEvents({ orgId: org.id, type: "sso.ott_replayed" })).toHaveLength(0);
    expect(await db.rateLimitBucket.findUnique({ where: { key: `ott-fail:ip:${stranger.ip}` } })).toBeNull();
  });

  it("replayed with its state after the short window, it is refused and revokes nothing", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const reader = await org.createReader();
    const owner = await browserSignedInOn(org.site("news").host, reader);
    const steps = await handshakeUntilCallback(owner, org.site("sport").host, "/articles/derby-draw");
    expect((await owner.request(steps.callbackUrl, { navigation: true })).status).toBe(302);
    await db.oneTimeToken.update({ where: { tokenHash: hashSecret(steps.ott) }, data: { usedAt: new Date(Date.now() - (REPLAY_REVOCATION_WINDOW_SECONDS + 60) * 1000) } });

    const thief = new TestBrowser();
    thief.setCookie(org.site("sport").host, stateCookieName(steps.state), steps.stateCookie);
    expect((await thief.request(steps.callbackUrl, { navigation: true })).status).toBe(400);
    expect(await statusOf(owner, org.site("sport").host)).toBe("authenticated");
    expect(await auditEvents({ orgId: org.id, type: "sso.ott_replayed" })).toHaveLength(1);
  });
});

describe("the per-token failed-redemption budget is checked", () => {
  it("a browser whose OTTs failed 10 times in the window gets no more OTTs: back to the site with error=rate_limited", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const browser = new TestBrowser();
    const first = await browser.request(authUrl(org, `/sso/handshake?site=news&state=${freshNonce()}`), { navigation: true });
    expect(new URL(locationOf(first) ?? "").searchParams.has("ott")).toBe(true);
    const token = await db.ssoToken.findUniqueOrThrow({ where: { secretHash: hashSecret(browser.cookie(org.authHost, TOKEN_COOKIE) ?? "") } });
    await db.rateLimitBucket.create({ data: { key: `ott-fail:token:${token.id}`, count: 10, windowStart: new Date(), expiresAt: new Date(Date.now() + 300_000) } });
    const refused = await browser.request(authUrl(org, `/sso/handshake?site=news&state=${freshNonce()}`), { navigation: true });
    expect(refused.status).toBe(302);
    expect(new URL(locationOf(refused) ?? "").searchParams.get("error")).toBe("rate_limited");
  });
});
