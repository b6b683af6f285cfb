// Integration: purging against the real database.
// Every row here lives in 2001 and purges run "as of" 2001, so rows other test files create
// (around the real now) are never touched, and their expired rows are never counted here.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { purgeExpired } from "./purge-expired";

const NOW = new Date("2001-06-01T12:00:00Z");
const MINUTE = 60;
const HOUR = 3_600;
const DAY = 86_400;
const IDLE_SECONDS = HOUR;
const TOKEN_IDLE_SECONDS = 2 * DAY;

function ago(seconds: number): Date {
  return new Date(NOW.getTime() - seconds * 1000);
}
function later(seconds: number): Date {
  return new Date(NOW.getTime() + seconds * 1000);
}
function hash(): Uint8Array<ArrayBuffer> {
  return new Uint8Array(randomBytes(32));
}

const tag = randomUUID().slice(0, 8);
const keyPrefix = `test-purge:${tag}:`;
const org = await db.organization.create({
  data: {
    slug: `org-${tag}`,
    name: `Org ${tag}`,
    authHost: `auth.t${tag}.test`,
    sessionIdleSeconds: IDLE_SECONDS,
    ssoTokenIdleSeconds: TOKEN_IDLE_SECONDS,
  },
});
const site = await db.site.create({
  data: { orgId: org.id, slug: "news", name: "News", logoText: "NEWS", callbackUrl: `https://news.t${tag}.test/sso/callback` },
});

afterAll(async () => {
  await db.organization.delete({ where: { id: org.id } });
  await db.$executeRaw`DELETE FROM rate_limit_buckets WHERE key LIKE ${`${keyPrefix}%`}`;
});

async function createSsoToken(fields: { expiresAt?: Date; revokedAt?: Date; lastSeenAt?: Date } = {}): Promise<string> {
  const token = await db.ssoToken.create({
    data: {
      orgId: org.id,
      secretHash: hash(),
      createdAt: ago(10 * DAY),
      lastSeenAt: fields.lastSeenAt ?? ago(MINUTE),
      expiresAt: fields.expiresAt ?? later(365 * DAY),
      revokedAt: fields.revokedAt ?? null,
    },
  });
  return token.id;
}

async function createSession(
  fields: { ssoTokenId?: string | null; expiresAt?: Date; revokedAt?: Date; lastSeenAt?: Date } = {},
): Promise<string> {
  const session = await db.siteSession.create({
    data: {
      orgId: org.id,
      siteId: site.id,
      secretHash: hash(),
      ssoTokenId: fields.ssoTokenId ?? null,
      createdAt: ago(DAY),
      lastSeenAt: fields.lastSeenAt ?? ago(MINUTE),
      expiresAt: fields.expiresAt ?? later(30 * DAY),
      revokedAt: fields.revokedAt ?? null,
    },
  });
  return session.id;
}

async function createOtt(ssoTokenId: string, expiresAt: Date): Promise<string> {
  const ott = await db.oneTimeToken.create({
    data: { orgId: org.id, siteId: site.id, ssoTokenId, tokenHash: hash(), stateHash: hash(), createdAt: ago(3 * HOUR), expiresAt },
  });
  return ott.id;
}

async function createBucket(name: string, expiresAt: Date): Promise<string> {
  const key = `${keyPrefix}${name}`;
  await db.rateLimitBucket.create({ data: { key, count: 3, windowStart: new Date(expiresAt.getTime() - 60_000), expiresAt } });
  return key;
}

async function existing(ids: Record<string, string>, find: (ids: string[]) => Promise<{ id: string }[]>): Promise<string[]> {
  const found = new Set((await find(Object.values(ids))).map((row) => row.id));
  return Object.entries(ids)
    .filter(([, id]) => found.has(id))
    .map(([name]) => name)
    .sort();
}

describe("purgeExpired", () => {
  it("deletes exactly the dead rows and keeps the live ones (and the short tails kept on purpose)", async () => {
    const liveToken = await createSsoToken();
    const tokens = {
      live: liveToken,
      expiredLongAgo: await createSsoToken({ expiresAt: ago(2 * DAY) }),
      expiredWithinADay: await createSsoToken({ expiresAt: ago(2 * HOUR) }),
      expiredButLinkedToLiveSession: await createSsoToken({ expiresAt: ago(2 * DAY) }),
      expiredLinkedOnlyToDeadSession: await createSsoToken({ expiresAt: ago(2 * DAY) }),
      revokedLongAgo: await createSsoToken({ revokedAt: ago(2 * DAY) }),
      revokedWithinADay: await createSsoToken({ revokedAt: ago(HOUR) }),
      idleLongAgo: await createSsoToken({ lastSeenAt: ago(TOKEN_IDLE_SECONDS + DAY + HOUR) }),
      idleWithinADay: await createSsoToken({ lastSeenAt: ago(TOKEN_IDLE_SECONDS + HOUR) }),
    };
    const sessions = {
      live: await createSession({ ssoTokenId: liveToken }),
      anonymousLive: await createSession(),
      pastAbsoluteExpiry: await createSession({ ssoTokenId: liveToken, expiresAt: ago(1) }),
      revokedLongAgo: await createSession({ ssoTokenId: liveToken, revokedAt: ago(2 * DAY) }),
      revokedWithinADay: await createSession({ ssoTokenId: liveToken, revokedAt: ago(HOUR) }),
      idle: await createSession({ lastSeenAt: ago(IDLE_SECONDS + MINUTE) }),
      almostIdle: await createSession({ lastSeenAt: ago(IDLE_SECONDS - MINUTE) }),
      linkedToExpiredToken: await createSession({ ssoTokenId: tokens.expiredButLinkedToLiveSession }),
      deadLinkedToExpiredToken: await createSession({ ssoTokenId: tokens.expiredLinkedOnlyToDeadSession, expiresAt: ago(HOUR) }),
    };
    const otts = {
      live: await createOtt(liveToken, later(MINUTE)),
      expiredTenMinutesAgo: await createOtt(liveToken, ago(10 * MINUTE)),
      expiredTwoHoursAgo: await createOtt(liveToken, ago(2 * HOUR)),
      expiredTwoDaysAgo: await createOtt(liveToken, ago(2 * DAY)),
    };
    const buckets = {
      live: await createBucket("live", later(30)),
      expired: await createBucket("expired", ago(1)),
    };

    const counts = await purgeExpired({ now: NOW });

    expect(counts).toEqual({ oneTimeTokens: 1, siteSessions: 4, ssoTokens: 4, rateLimitBuckets: 1, signInSources: 0, auditEvents: 0, emailLinks: 0, mail: 0 });
    expect(await existing(tokens, (ids) => db.ssoToken.findMany({ where: { id: { in: ids } }, select: { id: true } }))).toEqual(
      ["expiredButLinkedToLiveSession", "expiredWithinADay", "idleWithinADay", "live", "revokedWithinADay"],
    );
    expect(await existing(sessions, (ids) => db.siteSession.findMany({ where: { id: { in: ids } }, select: { id: true } }))).toEqual(
      ["almostIdle", "anonymousLive", "linkedToExpiredToken", "live", "revokedWithinADay"],
    );
    // A session purge never unlinks a live session from its token.
    const linked = await db.siteSession.findUniqueOrThrow({ where: { id: sessions.linkedToExpiredToken } });
    expect(linked.ssoTokenId).toBe(tokens.expiredButLinkedToLiveSession);
    // Replays of a just-expired OTT must still be recognisable as replays, and the admin
    // console counts the last day of handshakes from this table.
    expect(await existing(otts, (ids) => db.oneTimeToken.findMany({ where: { id: { in: ids } }, select: { id: true } }))).toEqual(
      ["expiredTenMinutesAgo", "expiredTwoHoursAgo", "live"],
    );
    const keptBuckets = await db.rateLimitBucket.findMany({ where: { key: { in: Object.values(buckets) } } });
    expect(keptBuckets.map((b) => b.key)).toEqual([buckets.live]);
  });

  it("deletes in bounded batches: batchSize 2 × maxBatches 1 removes only 2 rows of each table", async () => {
    const token = await createSsoToken();
    const ottIds = [
      await createOtt(token, ago(2 * DAY)),
      await createOtt(token, ago(2 * DAY)),
      await createOtt(token, ago(2 * DAY)),
    ];
    // Two kinds of dead session share one budget per table.
    const sessionIds = [
      await createSession({ expiresAt: ago(HOUR) }),
      await createSession({ expiresAt: ago(HOUR) }),
      await createSession({ revokedAt: ago(2 * DAY) }),
      await createSession({ revokedAt: ago(2 * DAY) }),
    ];
    const bucketKeys = [await createBucket("b1", ago(5)), await createBucket("b2", ago(5)), await createBucket("b3", ago(5))];

    const bounded = await purgeExpired({ now: NOW, batchSize: 2, maxBatches: 1 });
    expect(bounded).toMatchObject({ oneTimeTokens: 2, siteSessions: 2, rateLimitBuckets: 2 });
    expect(await db.oneTimeToken.count({ where: { id: { in: ottIds } } })).toBe(1);
    expect(await db.siteSession.count({ where: { id: { in: sessionIds } } })).toBe(2);
    expect(await db.rateLimitBucket.count({ where: { key: { in: bucketKeys } } })).toBe(1);

    // Batches repeat until one comes back short.
    const rest = await purgeExpired({ now: NOW, batchSize: 1, maxBatches: 10 });
    expect(rest).toMatchObject({ oneTimeTokens: 1, siteSessions: 2, rateLimitBuckets: 1 });
    expect(await db.oneTimeToken.count({ where: { id: { in: ottIds } } })).toBe(0);
    expect(await db.siteSession.count({ where: { id: { in: sessionIds } } })).toBe(0);
    expect(await db.rateLimitBucket.count({ where: { key: { in: bucketKeys } } })).toBe(0);
  });

  it("refuses a batch size or batch count that would not bound anything", async () => {
    await expect(purgeExpired({ now: NOW, batchSize: 0 })).rejects.toThrow(/batchSize/);
    await expect(purgeExpired({ now: NOW, maxBatches: 1.5 })).rejects.toThrow(/maxBatches/);
  });

  it("deletes audit events past the organisation's retention (Identity › Settings), and only those", async () => {
    await db.organization.update({ where: { id: org.id }, data: { auditRetentionDays: 30 } });
    const event = (createdAt: Date) => db.auditEvent.create({ data: { orgId: org.id, type: "auth.signin_failed", createdAt } });
    const old = [await event(ago(31 * DAY)), await event(ago(40 * DAY)), await event(ago(400 * DAY))];
    const kept = [await event(ago(29 * DAY)), await event(ago(HOUR))];

    const bounded = await purgeExpired({ now: NOW, batchSize: 2, maxBatches: 1 });
    expect(bounded.auditEvents).toBe(2);
    const rest = await purgeExpired({ now: NOW, batchSize: 2, maxBatches: 5 });
    expect(rest.auditEvents).toBe(1);
    expect(await db.auditEvent.count({ where: { id: { in: old.map((e) => e.id) } } })).toBe(0);
    expect(await db.auditEvent.count({ where: { id: { in: kept.map((e) => e.id) } } })).toBe(2);
  });
});

describe("purging emailed links and the delivery log", () => {
  it("deletes links a day past their expiry and settled mail past the log's retention; pending mail and live links stay", async () => {
    const reader = await db.reader.create({ data: { orgId: org.id, email: `purge-${tag}@example.test`, passwordHash: "x" } });
    const link = (expiresAt: Date) =>
      db.readerEmailLink.create({ data: { orgId: org.id, readerId: reader.id, purpose: "sign_in", tokenHash: hash(), email: reader.email, expiresAt, createdAt: ago(3 * DAY) } });
    const links = { live: await link(later(HOUR)), expiredHoursAgo: await link(ago(HOUR)), expiredDaysAgo: await link(ago(2 * DAY)) };
    const mail = (state: "pending" | "sent" | "dead", createdAt: Date) =>
      db.outboxMail.create({ data: { orgId: org.id, kind: "test", toAddress: reader.email, fromAddress: "a@b.test", subject: "s", state, createdAt } });
    const messages = { pendingOld: await mail("pending", ago(60 * DAY)), sentOld: await mail("sent", ago(60 * DAY)), deadOld: await mail("dead", ago(60 * DAY)), sentRecent: await mail("sent", ago(DAY)) };

    const counts = await purgeExpired({ now: NOW });

    expect(counts).toMatchObject({ emailLinks: 1, mail: 2 });
    const keptLinks = await db.readerEmailLink.findMany({ where: { readerId: reader.id }, select: { id: true } });
    expect(keptLinks.map((l) => l.id).sort()).toEqual([links.live.id, links.expiredHoursAgo.id].sort());
    const keptMail = await db.outboxMail.findMany({ where: { orgId: org.id }, select: { id: true } });
    expect(keptMail.map((m) => m.id).sort()).toEqual([messages.pendingOld.id, messages.sentRecent.id].sort());
  });
});
