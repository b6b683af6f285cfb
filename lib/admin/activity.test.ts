// Integration: the SSO activity aggregates against the real database.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { getSsoActivity } from "./activity";
import { createFixtureOrg, createFixtureReader, createFixtureSession, createFixtureToken, randomHash } from "./test-fixtures";

const HOUR = 3_600_000;

describe("getSsoActivity", () => {
  it("counts OTTs issued / redeemed / expired and refusals per site over the last 24 hours, in 24 hourly buckets", async () => {
    const org = await createFixtureOrg();
    const token = await createFixtureToken(org.id, null);
    const news = org.site("news").id;
    const now = Date.now();
    const ott = (createdAgoMs: number, fields: { used?: boolean; expired?: boolean }) => ({
      orgId: org.id,
      siteId: news,
      ssoTokenId: token.id,
      tokenHash: randomHash(),
      stateHash: randomHash(),
      createdAt: new Date(now - createdAgoMs),
      expiresAt: new Date(now - createdAgoMs + (fields.expired ? 60_000 : 10 * HOUR)),
      usedAt: fields.used ? new Date(now - createdAgoMs + 1_000) : null,
    });
    await db.oneTimeToken.createMany({
      data: [
        ott(5 * HOUR, { used: true }),
        ott(5 * HOUR, { used: true }),
        ott(2 * HOUR, { expired: true }),
        ott(60_000, {}), // issued a minute ago, still usable: neither redeemed nor expired
        ott(30 * HOUR, { used: true }), // outside the window
      ],
    });
    await db.auditEvent.createMany({
      data: [
        { orgId: org.id, siteId: news, type: "sso.ott_replayed", data: {} },
        { orgId: org.id, siteId: news, type: "sso.state_mismatch", data: {} },
        { orgId: org.id, siteId: news, type: "sso.mode_changed", data: {} }, // not a refusal
        { orgId: org.id, siteId: news, type: "sso.ott_invalid", data: {}, createdAt: new Date(now - 30 * HOUR) },
      ],
    });

    const activity = await getSsoActivity({ orgId: org.id });
    expect(activity.hours).toHaveLength(24);
    const site = activity.sites.find((s) => s.id === news);
    expect(site?.totals).toEqual({ issued: 4, redeemed: 2, expired: 1, refused: 2 });
    for (const series of Object.values(site?.ott ?? {})) expect(series).toHaveLength(24);
    expect(activity.sites.find((s) => s.slug === "sport")?.totals).toEqual({ issued: 0, redeemed: 0, expired: 0, refused: 0 });
  });

  it("classifies live sessions now as GET /api/sso/status would: authenticated, known, unknown", async () => {
    const org = await createFixtureOrg();
    const news = org.site("news").id;
    const sport = org.site("sport").id;
    const reader = await createFixtureReader(org.id);
    const signedInToken = await createFixtureToken(org.id, reader.id);
    await createFixtureSession({ orgId: org.id, siteId: sport, readerId: reader.id, ssoTokenId: signedInToken.id }); // sport: authenticated
    await createFixtureSession({ orgId: org.id, siteId: news, ssoTokenId: signedInToken.id }); // news: known
    const anonymousToken = await createFixtureToken(org.id, null);
    await createFixtureSession({ orgId: org.id, siteId: news, ssoTokenId: anonymousToken.id }); // news: unknown (token signed in nowhere)
    await createFixtureSession({ orgId: org.id, siteId: news }); // news: unknown (not linked)
    const revoked = await createFixtureSession({ orgId: org.id, siteId: news, readerId: reader.id, ssoTokenId: signedInToken.id });
    await db.siteSession.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } }); // not live: not counted

    const activity = await getSsoActivity({ orgId: org.id });
    expect(activity.sites.find((s) => s.id === news)?.sessions).toEqual({ authenticated: 0, known: 1, unknown: 2 });
    expect(activity.sites.find((s) => s.id === sport)?.sessions).toEqual({ authenticated: 1, known: 0, unknown: 0 });
  });
});
