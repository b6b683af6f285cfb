// The reader's own sessions as JSON (GET /api/account/sessions, POST …/{id}/revoke,
// POST …/revoke-others), against the real server: what is listed, the "this one" and device
// labels, and the rules — only the reader's own sessions, another reader's id is a 404 that
// changes nothing, the same-origin rule on the verbs.
import { describe, expect, it } from "vitest";
import type { OwnSessions } from "@/lib/account/own-sessions";
import { TestBrowser } from "./browser";
import { createTestOrg } from "./factory";
import { siteUrl } from "./flows";
import { browserSignedInOn, expectErrorShape, newsWithReader, statusOf, visit } from "./scenarios";
import { sessionOf } from "./sso-steps";

const PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

function sessionsOf(browser: TestBrowser, host: string) {
  return browser.json<OwnSessions>(siteUrl(host, "/api/account/sessions"));
}

describe("GET /api/account/sessions", () => {
  it("lists the reader's live sessions on every site: site, a device label from the user agent, last seen, this one", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news", "sport"] });
    const [news, sport] = [org.site("news"), org.site("sport")];
    const reader = await org.createReader();
    const laptop = await browserSignedInOn(news.host, reader);
    await visit(laptop, sport.host); // Auto Login: signed in on sport too
    const phone = await browserSignedInOn(news.host, reader, new TestBrowser({ userAgent: PHONE }));

    const response = await sessionsOf(laptop, news.host);
    expect(response.status, response.body).toBe(200);
    const { sessions } = response.json;
    expect(sessions).toHaveLength(3);
    const thisOne = sessions.filter((s) => s.thisOne);
    expect(thisOne.map((s) => s.site.id)).toEqual([news.id]);
    expect(thisOne[0]?.id).toBe((await sessionOf(laptop, news.host))?.id);
    expect(sessions.filter((s) => s.thisBrowser).map((s) => s.site.name).sort()).toEqual([news.name, sport.name].sort());
    const phoneSession = sessions.find((s) => !s.thisBrowser);
    expect(phoneSession?.device).toEqual({ label: "Safari on iOS", kind: "phone" });
    expect(phoneSession?.site).toEqual({ id: news.id, name: news.name, host: news.host });
    expect(sessions.find((s) => s.thisOne)?.device).toEqual({ label: "Browser on Linux", kind: "computer" });
    for (const s of sessions) expect(Date.parse(s.lastSeenAt)).not.toBeNaN();
    // The phone sees the same sessions, with its own as "this one".
    const fromPhone = await sessionsOf(phone, news.host);
    expect(fromPhone.json.sessions.find((s) => s.thisOne)?.device.kind).toBe("phone");
  });

  it("answers 401 to a browser that is not signed in (and lists nobody's sessions)", async () => {
    const org = await createTestOrg({ mode: "opt_in", sites: ["news"] });
    const browser = new TestBrowser();
    await visit(browser, org.site("news").host);
    const response = await sessionsOf(browser, org.site("news").host);
    expectErrorShape(response, 401, "unauthorized");
  });
});

describe("revoking from the list", () => {
  it("revokes one of the reader's own sessions; it drops from the list and that browser is signed out", async () => {
    const { org, news, reader } = await newsWithReader("opt_in");
    const a = await browserSignedInOn(news, reader);
    const b = await browserSignedInOn(news, reader);
    const bSession = await sessionOf(b, news);
    const revoked = await a.json(siteUrl(news, `/api/account/sessions/${bSession?.id ?? "x"}/revoke`), { method: "POST" });
    expect(revoked.status, revoked.body).toBe(200);
    expect((await sessionsOf(a, news)).json.sessions.map((s) => s.id)).not.toContain(bSession?.id);
    expect(await statusOf(b, news)).not.toBe("authenticated");
    expect(await statusOf(a, news)).toBe("authenticated");
  });

  it("another reader's session id is a 404 (as an unknown id), and that session stays signed in", async () => {
    const org = await createTestOrg({ mode: "opt_in", sites: ["news"] });
    const news = org.site("news").host;
    const victim = await browserSignedInOn(news, await org.createReader());
    const attacker = await browserSignedInOn(news, await org.createReader());
    const victimSession = await sessionOf(victim, news);
    const response = await attacker.json(siteUrl(news, `/api/account/sessions/${victimSession?.id ?? "x"}/revoke`), { method: "POST" });
    expectErrorShape(response, 404, "not_found");
    const unknown = await attacker.json(siteUrl(news, "/api/account/sessions/00000000-0000-4000-8000-000000000000/revoke"), { method: "POST" });
    expect(unknown.json).toEqual(response.json);
    expect(await statusOf(victim, news)).toBe("authenticated");
    // …and the attacker's list never shows it.
    expect((await sessionsOf(attacker, news)).json.sessions.map((s) => s.id)).not.toContain(victimSession?.id);
  });

  it("revoke-others signs out every other browser and keeps this one, in every SSO mode (Disabled included)", async () => {
    const { org, news, reader } = await newsWithReader("disabled");
    const a = await browserSignedInOn(news, reader);
    const b = await browserSignedInOn(news, reader);
    const c = await browserSignedInOn(news, reader);
    const response = await a.json<{ revokedSessions: number }>(siteUrl(news, "/api/account/sessions/revoke-others"), { method: "POST" });
    expect(response.status, response.body).toBe(200);
    expect(response.json.revokedSessions).toBe(2);
    expect((await sessionsOf(a, news)).json.sessions).toHaveLength(1);
    expect(await statusOf(b, news)).not.toBe("authenticated");
    expect(await statusOf(c, news)).not.toBe("authenticated");
    expect((await sessionsOf(a, news)).status).toBe(200);
  });

  it("same-origin rule: revoke-others and revoke refuse a cross-site request (403) and sign nobody out", async () => {
    const { org, news, reader } = await newsWithReader("opt_in");
    const a = await browserSignedInOn(news, reader);
    const b = await browserSignedInOn(news, reader);
    const bSession = await sessionOf(b, news);
    const crossSite = { origin: "http://evil.localhost", "sec-fetch-site": "cross-site" };
    expectErrorShape(await a.json(siteUrl(news, "/api/account/sessions/revoke-others"), { method: "POST", headers: crossSite, sameOrigin: false }), 403, "csrf_failed");
    expectErrorShape(await a.json(siteUrl(news, `/api/account/sessions/${bSession?.id ?? "x"}/revoke`), { method: "POST", headers: crossSite, sameOrigin: false }), 403, "csrf_failed");
    expect(await statusOf(b, news)).toBe("authenticated");
  });
});
