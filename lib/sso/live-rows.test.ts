// Rule: "a live site session" means one thing everywhere (lib/sso/live-rows.ts): the site
// context every page request loads, the console's reader page and activity counts, and the
// account page's list of sign-ins agree on which sessions are live and why the others are not.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { getSsoActivity } from "@/lib/admin/activity";
import { getReaderDetail } from "@/lib/admin/readers";
import { listReaderSessions } from "@/lib/account/list-reader-sessions";
import { createFixtureOrg, createFixtureReader, createFixtureSession, createFixtureToken } from "@/lib/admin/test-fixtures";
import { loadSiteContext } from "./site-context";

describe("a live session means the same everywhere", () => {
  it("the site context, the reader page, the account page and the activity counts agree: live, revoked, expired, idle", async () => {
    const org = await createFixtureOrg();
    const news = org.site("news");
    const reader = await createFixtureReader(org.id);
    const token = await createFixtureToken(org.id, reader.id);
    const session = () => createFixtureSession({ orgId: org.id, siteId: news.id, readerId: reader.id, ssoTokenId: token.id });
    const sessions = { live: await session(), revoked: await session(), expired: await session(), idle: await session() };
    await db.$executeRaw`UPDATE site_sessions SET revoked_at = now() WHERE id = ${sessions.revoked.id}::uuid`;
    await db.$executeRaw`UPDATE site_sessions SET expires_at = now() - interval '1 second' WHERE id = ${sessions.expired.id}::uuid`;
    await db.$executeRaw`
      UPDATE site_sessions ss SET last_seen_at = now() - make_interval(secs => o.session_idle_seconds + 60)
        FROM organizations o WHERE o.id = ss.org_id AND ss.id = ${sessions.idle.id}::uuid`;

    const found = await Promise.all(
      Object.entries(sessions).map(async ([state, row]) => [state, (await loadSiteContext({ siteId: news.id, sessionHash: row.secretHash }))?.session?.id ?? null]),
    );
    expect(Object.fromEntries(found)).toEqual({ live: sessions.live.id, revoked: null, expired: null, idle: null });

    const detail = await getReaderDetail({ orgId: org.id, readerId: reader.id });
    const states = Object.fromEntries(Object.entries(sessions).map(([state, row]) => [state, detail?.siteSessions.find((s) => s.id === row.id)?.state]));
    expect(states).toEqual({ live: "live", revoked: "revoked", expired: "expired", idle: "idle" });
    expect(detail?.ssoTokens).toEqual([expect.objectContaining({ id: token.id, state: "live", isAuthenticatedAsReader: true, linkedSessions: 1 })]);

    const listed = await listReaderSessions({ orgId: org.id, readerId: reader.id, currentSessionId: sessions.live.id, currentTokenId: token.id });
    expect(listed.map((s) => s.id)).toEqual([sessions.live.id]);

    const activity = await getSsoActivity({ orgId: org.id });
    expect(activity.sites.find((s) => s.id === news.id)?.sessions).toEqual({ authenticated: 1, known: 0, unknown: 0 });
  });
});
