// Rules of the concurrent-device limit (lib/sso/device-limit.ts), against the real database:
// what a device is, each policy, the way back in, and the race of concurrent sign-ins.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ApiError } from "@/lib/errors";
import { createFixtureOrg, createFixtureReader, createFixtureSession, createFixtureToken } from "@/lib/admin/test-fixtures";
import type { DeviceLimitPolicy } from "@/lib/generated/prisma/enums.ts";
import { completeSignIn } from "./complete-sign-in";
import { countReaderDevices, listReaderDevices } from "./device-limit";
import { loadSiteContext } from "./site-context";
import { createAnonymousSession } from "./site-sessions";
import { hashSecret } from "@/lib/security/secrets";

async function limitedOrg(limit: number, policy: DeviceLimitPolicy) {
  const org = await createFixtureOrg({ mode: "auto_login" });
  await db.organization.update({ where: { id: org.id }, data: { deviceLimit: limit, deviceLimitPolicy: policy } });
  return org;
}

/** A fresh browser on `siteId`: an anonymous session of its own, as a page request finds it. */
async function newBrowser(siteId: string, orgId: string) {
  const session = await createAnonymousSession({ orgId, siteId, absoluteSeconds: 86_400, userAgent: "device-limit test" });
  const context = await loadSiteContext({ siteId, sessionHash: hashSecret(session.secret) });
  if (!context) throw new Error("no site context");
  return context;
}

/** A fresh browser on `siteId` signing in as the reader. */
async function signInNewBrowser(siteId: string, orgId: string, readerId: string, method: "password" | "password_reset" = "password") {
  return completeSignIn({ context: await newBrowser(siteId, orgId), readerId, method, userAgent: "device-limit test" });
}

/** `count` browsers, ready first, then signing in as the reader all at once. */
async function signInAtOnce(count: number, siteId: string, orgId: string, readerId: string) {
  const browsers = await Promise.all(Array.from({ length: count }, () => newBrowser(siteId, orgId)));
  return Promise.allSettled(browsers.map((context) => completeSignIn({ context, readerId, method: "password", userAgent: "device-limit test" })));
}

async function liveDevices(orgId: string, readerId: string) {
  return (await countReaderDevices({ orgId, readerIds: [readerId] })).get(readerId) ?? 0;
}

describe("a device is one browser: its SSO token, or an unlinked signed-in session", () => {
  it("one browser signed in on two sites (one SSO token) counts once; an unlinked session on a third counts as another device", async () => {
    const org = await createFixtureOrg({ sites: ["news", "sport", "recipes"] });
    const reader = await createFixtureReader(org.id);
    const token = await createFixtureToken(org.id, reader.id);
    await createFixtureSession({ orgId: org.id, siteId: org.site("news").id, readerId: reader.id, ssoTokenId: token.id });
    await createFixtureSession({ orgId: org.id, siteId: org.site("sport").id, readerId: reader.id, ssoTokenId: token.id });
    const unlinked = await createFixtureSession({ orgId: org.id, siteId: org.site("recipes").id, readerId: reader.id });
    const devices = await listReaderDevices({ orgId: org.id, readerIds: [reader.id] });
    expect(devices.map((d) => d.deviceId).sort()).toEqual([token.id, unlinked.id].sort());
    // An anonymous session, another reader's, or another organisation's is no device of this reader.
    await createFixtureSession({ orgId: org.id, siteId: org.site("news").id });
    await createFixtureSession({ orgId: org.id, siteId: org.site("news").id, readerId: (await createFixtureReader(org.id)).id });
    expect(await liveDevices(org.id, reader.id)).toBe(2);
  });
});

describe("deny_new", () => {
  it("refuses a sign-in on one device more than the limit with device_limit_reached, signs nothing in, and records the refusal", async () => {
    const org = await limitedOrg(2, "deny_new");
    const news = org.site("news").id;
    const reader = await createFixtureReader(org.id);
    await signInNewBrowser(news, org.id, reader.id);
    await signInNewBrowser(news, org.id, reader.id);
    const refused = await signInNewBrowser(news, org.id, reader.id).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).code).toBe("device_limit_reached");
    expect((refused as ApiError).status).toBe(403);
    expect(await liveDevices(org.id, reader.id)).toBe(2);
    expect(await db.auditEvent.count({ where: { orgId: org.id, readerId: reader.id, type: "reader.device_limit_refused" } })).toBe(1);
  });

  it("signing in again on a device already counted is never refused (it adds no device)", async () => {
    const org = await limitedOrg(1, "deny_new");
    const news = org.site("news").id;
    const reader = await createFixtureReader(org.id);
    const first = await signInNewBrowser(news, org.id, reader.id);
    const again = await loadSiteContext({ siteId: news, sessionHash: hashSecret(first.secret) });
    await expect(completeSignIn({ context: again!, readerId: reader.id, method: "password", userAgent: null })).resolves.toBeTruthy();
    expect(await liveDevices(org.id, reader.id)).toBe(1);
  });

  it("a stolen session filling the slots cannot lock the reader out: a completed password reset is never refused (it ends every other device next)", async () => {
    const org = await limitedOrg(1, "deny_new");
    const news = org.site("news").id;
    const reader = await createFixtureReader(org.id);
    await signInNewBrowser(news, org.id, reader.id); // the thief's browser
    await expect(signInNewBrowser(news, org.id, reader.id)).rejects.toMatchObject({ code: "device_limit_reached" });
    await expect(signInNewBrowser(news, org.id, reader.id, "password_reset")).resolves.toBeTruthy();
  });
});

describe("evict_oldest", () => {
  it("signs the devices signed in longest ago out to make room, marks their sessions so they are told, unbinds their SSO tokens, and audits it", async () => {
    const org = await limitedOrg(2, "evict_oldest");
    const reader = await createFixtureReader(org.id);
    const oldToken = await createFixtureToken(org.id, reader.id);
    const old = await createFixtureSession({ orgId: org.id, siteId: org.site("news").id, readerId: reader.id, ssoTokenId: oldToken.id });
    const oldSport = await createFixtureSession({ orgId: org.id, siteId: org.site("sport").id, readerId: reader.id, ssoTokenId: oldToken.id });
    await db.siteSession.updateMany({ where: { id: { in: [old.id, oldSport.id] } }, data: { signedInAt: new Date(Date.now() - 3_600_000) } });
    const second = await signInNewBrowser(org.site("news").id, org.id, reader.id);
    await signInNewBrowser(org.site("news").id, org.id, reader.id);

    expect(await liveDevices(org.id, reader.id)).toBe(2);
    const ended = await db.siteSession.findMany({ where: { id: { in: [old.id, oldSport.id] } } });
    expect(ended.map((s) => [s.revokedAt !== null, s.revokeReason])).toEqual([
      [true, "device_limit"],
      [true, "device_limit"],
    ]);
    expect((await db.ssoToken.findUniqueOrThrow({ where: { id: oldToken.id } })).readerId).toBeNull();
    const kept = await db.siteSession.findUniqueOrThrow({ where: { id: second.sessionId } });
    expect(kept.revokedAt).toBeNull();
    const event = await db.auditEvent.findFirstOrThrow({ where: { orgId: org.id, readerId: reader.id, type: "reader.device_evicted" } });
    expect(event.data).toMatchObject({ limit: 2, evictedDevices: 1, revokedSessions: 2 });
  });
});

describe("concurrent sign-ins are counted one after the other (per-reader advisory lock)", () => {
  it("deny_new with a limit of 2: of 8 browsers signing in at once, exactly 2 get in and 6 are refused", async () => {
    const org = await limitedOrg(2, "deny_new");
    const reader = await createFixtureReader(org.id);
    const results = await signInAtOnce(8, org.site("news").id, org.id, reader.id);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    const refusals = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => (r.reason as ApiError).code);
    expect(refusals).toEqual(Array(6).fill("device_limit_reached"));
    expect(await liveDevices(org.id, reader.id)).toBe(2);
  });

  it("evict_oldest with a limit of 2: after 8 browsers sign in at once, exactly 2 devices are signed in", async () => {
    const org = await limitedOrg(2, "evict_oldest");
    const reader = await createFixtureReader(org.id);
    const results = await signInAtOnce(8, org.site("news").id, org.id, reader.id);
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(await liveDevices(org.id, reader.id)).toBe(2);
  });
});
