// External sites (sites this app does not serve), against the real server: the handshake
// redirects to the site's registered callback, its backend exchanges the OTT server-to-server
// (client credentials) for a session handle, and status / use_sso / logout follow with that
// handle. The same single-use, binding and rate-limit rules as a site's callback.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { hashSecret } from "@/lib/security/secrets";
import { rotateClientSecret } from "@/lib/sso/external/site-client";
import { demoExternalSites } from "@/prisma/demo-data";
import { TestBrowser } from "./browser";
import { createTestOrg } from "./factory";
import { basicAuthorization, createTestExternalSite, externalHandshake, linkExternal } from "./external-factory";
import { signInWithPassword } from "./flows";
import { browserSignedInOn, logout, statusOf, visit } from "./scenarios";
import { auditEvents, freshNonce, handshakeUntilCallback } from "./sso-steps";

type SessionBody = { session: string | null; status: string; mode: string; user: { email: string } | null; meta: { hint?: { email?: string; site?: string } } };

describe("external sites: the exchange", () => {
  it("Auto Login: the backend exchanges the OTT for a session handle and the reader's identity; the session is a site session of that site, linked to the browser's SSO token", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const reader = await org.createReader({ displayName: "Ext Reader" });
    const partner = await createTestExternalSite(org);
    const browser = await browserSignedInOn(org.site("news").host, reader);

    const state = await linkExternal(browser, partner);
    expect(state).toMatchObject({ status: "authenticated", mode: "auto_login", user: { email: reader.email, displayName: "Ext Reader" } });
    expect(state.session).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const session = await db.siteSession.findUniqueOrThrow({ where: { secretHash: hashSecret(state.session as string) } });
    const newsSession = await db.siteSession.findFirstOrThrow({ where: { siteId: org.site("news").id, readerId: reader.id, revokedAt: null } });
    expect(session).toMatchObject({ siteId: partner.siteId, orgId: org.id, readerId: reader.id, authMethod: "sso_auto", ssoTokenId: newsSession.ssoTokenId, userAgent: browser.userAgent });

    // Later calls need no browser: the status comes server-to-server.
    expect(await partner.client.getStatus(state.session)).toMatchObject({ status: "authenticated", session: state.session });
  });

  it("Opt In: known with the organisation's hint; use_sso signs in and rotates the handle (the old one dies)", async () => {
    const org = await createTestOrg({ mode: "opt_in", sites: ["news"] });
    const reader = await org.createReader();
    const partner = await createTestExternalSite(org);
    const browser = await browserSignedInOn(org.site("news").host, reader);

    const known = await linkExternal(browser, partner);
    expect(known).toMatchObject({ status: "known", user: null, meta: { hint: { site: org.site("news").name } } });
    expect(JSON.stringify(known)).not.toContain(reader.email);

    const signedIn = await partner.client.loginWithSso(known.session as string);
    expect(signedIn).toMatchObject({ status: "authenticated", user: { email: reader.email } });
    expect(signedIn.session).not.toBe(known.session);
    expect(await partner.client.getStatus(known.session)).toMatchObject({ session: null, status: "unknown" });
    const row = await db.siteSession.findUniqueOrThrow({ where: { secretHash: hashSecret(signedIn.session as string) } });
    expect(row.authMethod).toBe("sso_opt_in");
  });

  it("an anonymous browser gets a linked anonymous session (unknown), which becomes known once the reader signs in elsewhere", async () => {
    const org = await createTestOrg({ mode: "opt_in", sites: ["news"] });
    const reader = await org.createReader();
    const partner = await createTestExternalSite(org);
    const browser = new TestBrowser();
    await visit(browser, org.site("news").host);
    const linked = await linkExternal(browser, partner);
    expect(linked).toMatchObject({ status: "unknown", user: null });
    expect(linked.session).not.toBeNull();

    expect((await signInWithPassword(browser, org.site("news").host, reader.email, reader.password)).status).toBeLessThan(400);
    expect(await partner.client.getStatus(linked.session)).toMatchObject({ status: "known", session: linked.session });
  });
});

describe("external sites: what the exchange refuses", () => {
  it("refuses a wrong client secret with 401 invalid_client and a Basic challenge, records it, and leaves the OTT unused", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const partner = await createTestExternalSite(org);
    const browser = new TestBrowser();
    const { ott, state, query, stateCookie } = await externalHandshake(browser, partner);

    const wrong = await partner.call("/sso/exchange", { ott, state }, { authorization: basicAuthorization(partner.clientId, "not-the-secret") });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({ error: { code: "invalid_client", message: expect.any(String) } });
    expect(wrong.headers["www-authenticate"]).toMatch(/^Basic realm="sso"/);
    expect(wrong.headers["access-control-allow-origin"]).toBeUndefined();
    const missing = await partner.call("/sso/exchange", { ott, state }, { authorization: null });
    expect(missing.status).toBe(401);
    const unknownClient = await partner.call("/sso/exchange", { ott, state }, { authorization: basicAuthorization("mss_unknown-client-id", partner.clientSecret) });
    expect(unknownClient.status).toBe(401);

    expect((await db.oneTimeToken.findUniqueOrThrow({ where: { tokenHash: hashSecret(ott) } })).usedAt).toBeNull();
    expect(await auditEvents({ orgId: org.id, type: "sso.client_auth_failed" })).toHaveLength(3);
    // The OTT was never consumed: the right secret still redeems it.
    const result = await partner.client.handleCallback({ query, stateCookie });
    expect(result.ok).toBe(true);
  });

  it("refuses another organisation's client on this auth domain, as if unknown", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const other = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const partner = await createTestExternalSite(org);
    const foreignClient = await createTestExternalSite(other);
    const { ott, state } = await externalHandshake(new TestBrowser(), partner);
    const response = await partner.call("/sso/exchange", { ott, state }, { authorization: basicAuthorization(foreignClient.clientId, foreignClient.clientSecret) });
    expect(response.status).toBe(401);
  });

  it("refuses a foreign OTT (minted for another site of the organisation, internal or external) and records it", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const partner = await createTestExternalSite(org);
    const otherPartner = await createTestExternalSite(org);
    const browser = new TestBrowser();

    // An OTT minted for the internal site news, taken off its callback redirect.
    const newsSteps = await handshakeUntilCallback(browser, org.site("news").host);
    const fromNews = await partner.call("/sso/exchange", { ott: newsSteps.ott, state: newsSteps.state });
    expect(fromNews.status).toBe(400);
    expect(fromNews.json).toMatchObject({ error: { code: "invalid_grant" } });

    // An OTT minted for another external site.
    const other = await externalHandshake(browser, otherPartner);
    const fromOther = await partner.call("/sso/exchange", { ott: other.ott, state: other.state });
    expect(fromOther.status).toBe(400);

    const events = await auditEvents({ orgId: org.id, type: "sso.ott_foreign", siteId: partner.siteId });
    expect(events).toHaveLength(2);
    expect(events[0]?.data).toMatchObject({ reason: "foreign", channel: "exchange" });
    // Neither OTT was consumed by the refusal.
    expect((await db.oneTimeToken.findUniqueOrThrow({ where: { tokenHash: hashSecret(other.ott) } })).usedAt).toBeNull();
  });

  it("refuses a replay, records it, and revokes the session the first exchange created", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const reader = await org.createReader();
    const partner = await createTestExternalSite(org);
    const browser = await browserSignedInOn(org.site("news").host, reader);
    const { ott, state } = await externalHandshake(browser, partner);

    const first = await partner.call("/sso/exchange", { ott, state });
    expect(first.status, first.body).toBe(200);
    const handle = (first.json as SessionBody).session;
    const replay = await partner.call("/sso/exchange", { ott, state });
    expect(replay.status).toBe(400);
    expect(replay.json).toMatchObject({ error: { code: "invalid_grant" } });

    expect(await auditEvents({ orgId: org.id, type: "sso.ott_replayed", siteId: partner.siteId })).toHaveLength(1);
    expect(await partner.client.getStatus(handle)).toMatchObject({ session: null, status: "unknown" });
  });

  it("lets exactly one of many concurrent exchanges of one OTT win", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const partner = await createTestExternalSite(org);
    const { ott, state } = await externalHandshake(new TestBrowser(), partner);
    const results = await Promise.all(Array.from({ length: 8 }, () => partner.call("/sso/exchange", { ott, state })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 400)).toHaveLength(7);
  });

  it("binds the OTT to the state: another state is refused and recorded; the kit refuses a callback whose state is not its cookie's without calling out", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const partner = await createTestExternalSite(org);
    const browser = new TestBrowser();
    const { ott, query } = await externalHandshake(browser, partner);

    const otherState = await partner.call("/sso/exchange", { ott, state: freshNonce() });
    expect(otherState.status).toBe(400);
    expect(await auditEvents({ orgId: org.id, type: "sso.state_mismatch", siteId: partner.siteId })).toHaveLength(1);

    const attackerCookie = partner.client.startHandshake("/").stateCookie;
    expect(await partner.client.handleCallback({ query, stateCookie: attackerCookie })).toMatchObject({ ok: false, reason: "state_mismatch" });
    expect(await partner.client.handleCallback({ query, stateCookie: null })).toMatchObject({ ok: false, reason: "state_mismatch" });
  });

  it("refuses an exchange once SSO is disabled (403 sso_disabled), and the handshake then goes back to the registered callback with error=sso_disabled, which the kit reports as refused", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const partner = await createTestExternalSite(org);
    const browser = new TestBrowser();
    const { ott, state } = await externalHandshake(browser, partner);
    await org.setMode("disabled");
    const response = await partner.call("/sso/exchange", { ott, state });
    expect(response.status).toBe(403);
    expect(response.json).toMatchObject({ error: { code: "sso_disabled" } });
    expect(await partner.client.getStatus(null)).toMatchObject({ mode: "disabled", session: null });
    const started = partner.client.startHandshake("/");
    const handshake = await browser.request(started.url, { navigation: true });
    expect(handshake.status).toBe(302);
    const callback = new URL(handshake.headers.location ?? "");
    expect(callback.searchParams.get("error")).toBe("sso_disabled");
    expect(callback.searchParams.has("ott")).toBe(false);
    expect(await partner.client.handleCallback({ query: callback.search, stateCookie: started.stateCookie })).toMatchObject({ ok: false, reason: "refused" });
  });

  it("counts failed client authentications per IP: past the limit even the right secret gets 429 from that address", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const partner = await createTestExternalSite(org);
    const ip = `10.250.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
    for (let i = 0; i < 20; i++) {
      const response = await partner.call("/sso/session/status", {}, { authorization: basicAuthorization(partner.clientId, `wrong-${i}`), ip });
      expect(response.status).toBe(401);
    }
    expect((await partner.call("/sso/session/status", {}, { ip })).status).toBe(429);
    expect((await partner.call("/sso/session/status", {})).status).toBe(200); // another address is unaffected
  });
});

describe("external sites: status, use_sso and logout server-to-server", () => {
  it("answers the mode without a handle, and nothing for a dead handle or another site's handle", async () => {
    const org = await createTestOrg({ mode: "opt_in", sites: ["news"] });
    const partner = await createTestExternalSite(org);
    const otherPartner = await createTestExternalSite(org);
    expect(await partner.client.getStatus(null)).toMatchObject({ mode: "opt_in", session: null, status: "unknown", user: null });
    const linked = await linkExternal(new TestBrowser(), partner);
    expect(await otherPartner.client.getStatus(linked.session)).toMatchObject({ session: null });
    expect(await partner.client.getStatus(freshNonce())).toMatchObject({ session: null });
    const bad = await partner.call("/sso/session/status", { session: linked.session, extra: 1 });
    expect(bad.status).toBe(400);
  });

  it("a sign-out on an internal site (EVERYWHERE) ends the external session; use_sso on a dead handle is 409", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const reader = await org.createReader();
    const partner = await createTestExternalSite(org);
    const browser = await browserSignedInOn(org.site("news").host, reader);
    const linked = await linkExternal(browser, partner);
    expect(linked.status).toBe("authenticated");

    expect((await logout(browser, org.site("news").host, { where: "EVERYWHERE" })).status).toBe(200);
    expect(await partner.client.getStatus(linked.session)).toMatchObject({ session: null, status: "unknown" });
    const login = await partner.call("/sso/session/login", { session: linked.session, use_sso: true });
    expect(login.status).toBe(409);
  });

  it("logout from the external site: THIS_DEVICE ends the browser's internal sessions too and hands back a fresh anonymous handle; JUST_HERE is refused under Auto Login", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const reader = await org.createReader();
    const partner = await createTestExternalSite(org);
    const browser = await browserSignedInOn(org.site("news").host, reader);
    const linked = await linkExternal(browser, partner);

    const justHere = await partner.call("/sso/session/logout", { session: linked.session, where: "JUST_HERE" });
    expect(justHere.status).toBe(400);
    expect(justHere.json).toMatchObject({ error: { code: "invalid_scope" } });

    const result = await partner.client.logout(linked.session as string);
    expect(result).toMatchObject({ where: "THIS_DEVICE", status: "unknown", user: null });
    expect(result.session).not.toBeNull();
    expect(result.session).not.toBe(linked.session);
    expect(await statusOf(browser, org.site("news").host)).toBe("unknown");
  });
});

describe("external sites: client secrets", () => {
  it("rotation: the old secret stops working at once; with a grace period both work until it ends; each rotation is recorded", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const partner = await createTestExternalSite(org);
    const rotated = await rotateClientSecret({ orgSlug: org.slug, siteSlug: partner.slug, actor: { cli: "ops@test" } });
    expect(rotated.clientId).toBe(partner.clientId);
    expect(rotated.clientSecret).not.toBe(partner.clientSecret);
    expect((await partner.call("/sso/session/status", {})).status).toBe(401);
    expect((await partner.call("/sso/session/status", {}, { authorization: basicAuthorization(partner.clientId, rotated.clientSecret) })).status).toBe(200);

    const withGrace = await rotateClientSecret({ orgSlug: org.slug, siteSlug: partner.slug, graceSeconds: 3600, actor: { cli: "ops@test" } });
    expect(withGrace.previousSecretValidUntil?.getTime()).toBeGreaterThan(Date.now());
    expect((await partner.call("/sso/session/status", {}, { authorization: basicAuthorization(partner.clientId, rotated.clientSecret) })).status).toBe(200);
    expect((await partner.call("/sso/session/status", {}, { authorization: basicAuthorization(partner.clientId, withGrace.clientSecret) })).status).toBe(200);
    const rotations = await auditEvents({ orgId: org.id, type: "sso.client_secret_rotated", siteId: partner.siteId });
    expect(rotations).toHaveLength(2);
    // Each rotation says who did it (here an operator at the CLI; from the console, the staff member).
    expect(rotations.map((event) => (event.data as { actor?: string }).actor)).toEqual(["cli:ops@test", "cli:ops@test"]);

    const stored = await db.siteClient.findUniqueOrThrow({ where: { siteId: partner.siteId } });
    expect(Buffer.from(stored.secretHash).toString("hex")).not.toContain(Buffer.from(withGrace.clientSecret).toString("hex"));
    expect(Buffer.from(stored.secretHash).equals(Buffer.from(hashSecret(withGrace.clientSecret)))).toBe(true);
  });

  it("npm run site:rotate-secret prints the new secret once, and it works", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const partner = await createTestExternalSite(org);
    const run = spawnSync("./node_modules/.bin/tsx", ["scripts/site-rotate-secret.ts", org.slug, partner.slug], { encoding: "utf8", env: process.env });
    expect(run.status, run.stderr).toBe(0);
    const secret = /client secret: (\S+)/.exec(run.stdout)?.[1];
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await partner.call("/sso/session/status", {}, { authorization: basicAuthorization(partner.clientId, secret as string) })).status).toBe(200);
    const refused = spawnSync("./node_modules/.bin/tsx", ["scripts/site-rotate-secret.ts", org.slug, "news"], { encoding: "utf8", env: process.env });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("only external sites have client secrets");
  });

  it("the demo seed registers acme's external site with its demo credentials", async () => {
    const demo = demoExternalSites[0];
    if (!demo) throw new Error("no demo external site");
    const client = await db.siteClient.findUnique({ where: { clientId: demo.clientId }, include: { site: true } });
    expect(client?.site).toMatchObject({ slug: demo.slug, kind: "external" });
    expect(Buffer.from(client?.secretHash ?? []).equals(Buffer.from(hashSecret(demo.clientSecret)))).toBe(true);
  });
});
