// POST /api/logout scopes (design §4 "default logout", §5 "POST /api/logout", §7 audit of
// wide logouts), against the real server. Two TestBrowsers stand for two devices of one reader.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { TestBrowser } from "./browser";
import { createTestOrg } from "./factory";
import { siteUrl, ssoStatus } from "./flows";
import { browserSignedInOn, expectErrorShape, logout, SESSION_COOKIE, sessionUser, statusOf, visit } from "./scenarios";

async function liveSessionsOf(readerId: string) {
  return db.siteSession.findMany({ where: { readerId, revokedAt: null }, select: { id: true, siteId: true, ssoTokenId: true } });
}

async function auditTypes(orgId: string, readerId: string): Promise<string[]> {
  const rows = await db.auditEvent.findMany({ where: { orgId, readerId }, select: { type: true } });
  return rows.map((r) => r.type);
}

/** The SSO token of the reader's first signed-in session on a site (read from the DB). */
async function tokenIdOf(readerId: string, siteId: string): Promise<string> {
  // The earliest sign-in there: under Auto Login another device of the reader may be signed in on the same site later.
  const session = await db.siteSession.findFirst({ where: { readerId, siteId, revokedAt: null }, orderBy: { signedInAt: "asc" }, select: { ssoTokenId: true } });
  if (!session?.ssoTokenId) throw new Error("no linked signed-in session");
  return session.ssoTokenId;
}

describe("Auto Login: default scope THIS_DEVICE (§4)", () => {
  it("signs this browser out on every site it is signed in on, but not the reader's other device", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const news = org.site("news").host;
    const sport = org.site("sport").host;
    const reader = await org.createReader();

    const a = await browserSignedInOn(news, reader);
    await visit(a, sport);
    expect(await statusOf(a, sport)).toBe("authenticated"); // Auto Login signed sport in
    const b = await browserSignedInOn(news, reader);
    expect(await statusOf(b, news)).toBe("authenticated");

    const response = await logout(a, sport, {});
    expect(response.status, response.body).toBe(200);
    expect(response.json.where).toBe("THIS_DEVICE");
    expect(response.json.status).toBe("unknown");

    expect(await statusOf(a, sport)).toBe("unknown");
    expect(await statusOf(a, news)).toBe("unknown");
    // …and a page visit does not sign this browser straight back in.
    await visit(a, news);
    await visit(a, sport);
    expect(await statusOf(a, news)).toBe("unknown");
    expect(await statusOf(a, sport)).toBe("unknown");

    // The other device is untouched.
    const other = await ssoStatus(b, news);
    expect(other.status).toBe("authenticated");
    expect(other.user?.email).toBe(reader.email);
  });

  it("refuses JUST_HERE with 400 invalid_scope (the next request would sign the site back in)", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const news = org.site("news").host;
    const reader = await org.createReader();
    const a = await browserSignedInOn(news, reader);

    const response = await logout(a, news, { where: "JUST_HERE" });
    expectErrorShape(response, 400, "invalid_scope");
    expect(await statusOf(a, news)).toBe("authenticated");
  });
});

describe("Opt In: default scope JUST_HERE (§4)", () => {
  it("default logout on sport leaves sport `known` and news `authenticated`; THIS_DEVICE on news then signs out both", async () => {
    const org = await createTestOrg({ mode: "opt_in" });
    const news = org.site("news").host;
    const sport = org.site("sport").host;
    const reader = await org.createReader();

    const a = await browserSignedInOn(news, reader);
    await visit(a, sport);
    expect(await statusOf(a, sport)).toBe("known");
    const continued = await a.json<{ status: string }>(siteUrl(sport, "/api/sso/login"), { method: "POST", body: { use_sso: true } });
    expect(continued.status, continued.body).toBe(200);
    expect(await statusOf(a, sport)).toBe("authenticated");

    const justHere = await logout(a, sport);
    expect(justHere.status, justHere.body).toBe(200);
    expect(justHere.json.where).toBe("JUST_HERE");
    expect(await statusOf(a, sport)).toBe("known");
    expect(await statusOf(a, news)).toBe("authenticated");

    const thisDevice = await logout(a, news, { where: "THIS_DEVICE" });
    expect(thisDevice.status, thisDevice.body).toBe(200);
    expect(thisDevice.json.where).toBe("THIS_DEVICE");
    expect(await statusOf(a, news)).toBe("unknown");
    expect(await statusOf(a, sport)).toBe("unknown");
  });
});

describe.each(["auto_login", "opt_in"] as const)("OTHER_DEVICES (%s)", (mode) => {
  it("keeps this browser signed in, revokes the other device's sessions, audits logout.other_devices", async () => {
    const org = await createTestOrg({ mode });
    const news = org.site("news").host;
    const sport = org.site("sport").host;
    const reader = await org.createReader();

    const a = await browserSignedInOn(news, reader);
    const b = await browserSignedInOn(sport, reader);
    await visit(b, news); // Auto Login: B is signed in on news too; Opt In: B is `known` there
    const tokenA = await tokenIdOf(reader.id, org.site("news").id);
    const tokenB = await tokenIdOf(reader.id, org.site("sport").id);
    expect(tokenA).not.toBe(tokenB);

    const response = await logout(a, news, { where: "OTHER_DEVICES" });
    expect(response.status, response.body).toBe(200);
    expect(response.json.where).toBe("OTHER_DEVICES");
    expect(response.json.status).toBe("authenticated");

    expect(await statusOf(a, news)).toBe("authenticated");
    expect(await statusOf(b, sport)).toBe("unknown");
    expect(await statusOf(b, news)).toBe("unknown");
    await visit(b, sport); // B's token no longer carries the reader: no Auto Login back in
    expect(await statusOf(b, sport)).toBe("unknown");

    const live = await liveSessionsOf(reader.id);
    expect(live.map((s) => s.ssoTokenId)).toEqual([tokenA]);
    expect((await db.ssoToken.findUniqueOrThrow({ where: { id: tokenB } })).readerId).toBeNull();
    expect(await auditTypes(org.id, reader.id)).toContain("logout.other_devices");
  });
});

describe.each(["auto_login", "opt_in"] as const)("EVERYWHERE (%s)", (mode) => {
  it("signs out both devices, revokes this browser's SSO token, audits logout.everywhere", async () => {
    const org = await createTestOrg({ mode });
    const news = org.site("news").host;
    const sport = org.site("sport").host;
    const reader = await org.createReader();

    const a = await browserSignedInOn(news, reader);
    const b = await browserSignedInOn(sport, reader);
    const tokenA = await tokenIdOf(reader.id, org.site("news").id);
    const tokenB = await tokenIdOf(reader.id, org.site("sport").id);
    expect(tokenA).not.toBe(tokenB);

    const response = await logout(a, news, { where: "EVERYWHERE" });
    expect(response.status, response.body).toBe(200);
    expect(response.json.where).toBe("EVERYWHERE");

    expect(await statusOf(a, news)).toBe("unknown");
    expect(await statusOf(b, sport)).toBe("unknown");
    expect(await liveSessionsOf(reader.id)).toEqual([]);
    const token = await db.ssoToken.findUniqueOrThrow({ where: { id: tokenA } });
    expect(token.revokedAt).not.toBeNull();
    expect(token.readerId).toBeNull();
    expect((await db.ssoToken.findUniqueOrThrow({ where: { id: tokenB } })).revokedAt).not.toBeNull();
    await visit(b, news); // B's revoked token cannot sign it back in anywhere
    expect(await statusOf(b, news)).toBe("unknown");
    expect(await auditTypes(org.id, reader.id)).toContain("logout.everywhere");
  });
});

describe("Disabled: only JUST_HERE and EVERYWHERE (§5)", () => {
  it("refuses THIS_DEVICE and OTHER_DEVICES with 400 invalid_scope", async () => {
    const org = await createTestOrg({ mode: "disabled" });
    const news = org.site("news").host;
    const reader = await org.createReader();
    const a = await browserSignedInOn(news, reader);
    for (const where of ["THIS_DEVICE", "OTHER_DEVICES"]) {
      const response = await logout(a, news, { where });
      expectErrorShape(response, 400, "invalid_scope");
    }
    expect(await sessionUser(a, news)).toBe(reader.email);
  });

  it("default is JUST_HERE: this site only", async () => {
    const org = await createTestOrg({ mode: "disabled" });
    const news = org.site("news").host;
    const sport = org.site("sport").host;
    const reader = await org.createReader();
    const a = await browserSignedInOn(news, reader);
    await browserSignedInOn(sport, reader, a);

    const response = await logout(a, news);
    expect(response.status, response.body).toBe(200);
    expect(response.json.where).toBe("JUST_HERE");
    expect(await sessionUser(a, news)).toBeNull();
    expect(await sessionUser(a, sport)).toBe(reader.email);
  });

  it("EVERYWHERE signs out every device of the reader and audits logout.everywhere", async () => {
    const org = await createTestOrg({ mode: "disabled" });
    const news = org.site("news").host;
    const sport = org.site("sport").host;
    const reader = await org.createReader();
    const a = await browserSignedInOn(news, reader);
    const b = await browserSignedInOn(sport, reader);

    const response = await logout(a, news, { where: "EVERYWHERE" });
    expect(response.status, response.body).toBe(200);
    expect(response.json.where).toBe("EVERYWHERE");
    expect(await sessionUser(a, news)).toBeNull();
    expect(await sessionUser(b, sport)).toBeNull();
    expect(await liveSessionsOf(reader.id)).toEqual([]);
    expect(await auditTypes(org.id, reader.id)).toContain("logout.everywhere");
  });
});

describe("logout preconditions and the session secret", () => {
  it("answers 409 not_signed_in when this session is not signed in", async () => {
    const org = await createTestOrg({ mode: "opt_in" });
    const news = org.site("news").host;
    const anonymous = new TestBrowser();
    await visit(anonymous, news);
    expectErrorShape(await logout(anonymous, news), 409, "not_signed_in");
    // No session at all (never visited) is not signed in either.
    expectErrorShape(await logout(new TestBrowser(), news, { where: "EVERYWHERE" }), 409, "not_signed_in");
  });

  it.each(["auto_login", "opt_in", "disabled"] as const)("rotates the session secret on logout; the old cookie no longer authenticates (%s)", async (mode) => {
    const org = await createTestOrg({ mode });
    const news = org.site("news").host;
    const reader = await org.createReader();
    const a = await browserSignedInOn(news, reader);
    const before = a.cookie(news, SESSION_COOKIE);
    expect(before).not.toBeNull();

    const response = await logout(a, news);
    expect(response.status, response.body).toBe(200);
    const setCookies = [response.headers["set-cookie"] ?? []].flat();
    expect(setCookies.some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(true);
    const after = a.cookie(news, SESSION_COOKIE);
    expect(after).not.toBeNull();
    expect(after).not.toBe(before);

    const replay = new TestBrowser();
    replay.setCookie(news, SESSION_COOKIE, before ?? "");
    const replayed = await ssoStatus(replay, news);
    expect(replayed.status).toBe("unknown");
    expect(replayed.user).toBeNull();
    expect(await sessionUser(replay, news)).toBeNull();
  });
});

describe("next-auth's POST /api/auth/signout (§5: behaves as the default scope)", () => {
  async function nextAuthSignOut(browser: TestBrowser, host: string) {
    const csrf = await browser.json<{ csrfToken: string }>(siteUrl(host, "/api/auth/csrf"));
    expect(csrf.json.csrfToken).toEqual(expect.any(String));
    return browser.request(siteUrl(host, "/api/auth/signout"), {
      method: "POST",
      body: new URLSearchParams({ csrfToken: csrf.json.csrfToken, callbackUrl: siteUrl(host, "/"), json: "true" }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
      sameOrigin: true,
    });
  }

  it("Auto Login: signs this browser out everywhere on this device (THIS_DEVICE)", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const news = org.site("news").host;
    const sport = org.site("sport").host;
    const reader = await org.createReader();
    const a = await browserSignedInOn(news, reader);
    await visit(a, sport);
    expect(await statusOf(a, sport)).toBe("authenticated");
    const b = await browserSignedInOn(news, reader);

    const response = await nextAuthSignOut(a, sport);
    expect(response.status, response.body).toBeLessThan(400);
    expect(await statusOf(a, sport)).toBe("unknown");
    expect(await statusOf(a, news)).toBe("unknown");
    await visit(a, sport);
    expect(await statusOf(a, sport)).toBe("unknown");
    expect(await statusOf(b, news)).toBe("authenticated");
  });

  it("Opt In: signs out this site only (JUST_HERE)", async () => {
    const org = await createTestOrg({ mode: "opt_in" });
    const news = org.site("news").host;
    const sport = org.site("sport").host;
    const reader = await org.createReader();
    const a = await browserSignedInOn(news, reader);
    await browserSignedInOn(sport, reader, a);

    const response = await nextAuthSignOut(a, sport);
    expect(response.status, response.body).toBeLessThan(400);
    expect(await statusOf(a, sport)).toBe("known");
    expect(await statusOf(a, news)).toBe("authenticated");
    expect(await sessionUser(a, sport)).toBeNull();
  });

  it("a sign-out POST with a wrong next-auth CSRF token signs nobody out (§7 CSRF: next-auth refuses it, so must we)", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const news = org.site("news").host;
    const reader = await org.createReader();
    const a = await browserSignedInOn(news, reader);

    const response = await a.request(siteUrl(news, "/api/auth/signout"), {
      method: "POST",
      body: new URLSearchParams({ csrfToken: "not-the-token", callbackUrl: siteUrl(news, "/") }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
      sameOrigin: true,
    });
    expect(response.status).toBeLessThan(500);
    expect(response.headers.location ?? "").toContain("csrf=true"); // next-auth itself refused the request…
    expect(await statusOf(a, news)).toBe("authenticated"); // …so the reader must still be signed in
  });

  it("a sign-out POST without next-auth's CSRF token, from another origin, signs nobody out (§7 CSRF)", async () => {
    const org = await createTestOrg({ mode: "opt_in" });
    const news = org.site("news").host;
    const reader = await org.createReader();
    const a = await browserSignedInOn(news, reader);

    const response = await a.request(siteUrl(news, "/api/auth/signout"), {
      method: "POST",
      body: new URLSearchParams({ callbackUrl: "http://evil.example/" }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(response.status).toBeLessThan(500);
    expect(await statusOf(a, news)).toBe("authenticated");
    expect(await sessionUser(a, news)).toBe(reader.email);
  });
});
