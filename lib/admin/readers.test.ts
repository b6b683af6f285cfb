// Integration: finding readers and revoking their sessions against the real database.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { authenticateReader } from "@/lib/auth/authenticate-reader";
import { hashPassword } from "@/lib/auth/password";
import { getReaderDetail, listRecentReaders, recentReadersQuerySchema, revokeReaderSessions, revokeSiteSession, revokeSsoToken, searchReaders } from "./readers";
import { createFixtureOrg, createFixtureReader, createFixtureSession, createFixtureStaff, createFixtureToken } from "./test-fixtures";

async function browserSignedIn(org: Awaited<ReturnType<typeof createFixtureOrg>>, readerId: string) {
  const token = await createFixtureToken(org.id, readerId);
  const news = await createFixtureSession({ orgId: org.id, siteId: org.site("news").id, readerId, ssoTokenId: token.id });
  const sport = await createFixtureSession({ orgId: org.id, siteId: org.site("sport").id, readerId, ssoTokenId: token.id });
  return { token, news, sport };
}

describe("readers in the console", () => {
  it("lists the newest readers first, a page at a time, and a page does not shift when readers register meanwhile (keyset)", async () => {
    const org = await createFixtureOrg();
    const start = Date.now() - 3_600_000;
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const reader = await createFixtureReader(org.id);
      await db.reader.update({ where: { id: reader.id }, data: { createdAt: new Date(start + i * 60_000) } });
      ids.push(reader.id);
    }
    const newestFirst = [...ids].reverse();
    const first = await listRecentReaders({ orgId: org.id, query: {}, pageSize: 3 });
    expect(first.readers.map((r) => r.id)).toEqual(newestFirst.slice(0, 3));
    expect(first.newerCursor).toBeNull();
    // A reader registers between two page loads: the next page still starts where the first ended.
    await createFixtureReader(org.id);
    const second = await listRecentReaders({ orgId: org.id, query: recentReadersQuerySchema.parse({ before: first.olderCursor }), pageSize: 3 });
    expect(second.readers.map((r) => r.id)).toEqual(newestFirst.slice(3, 6));
    const last = await listRecentReaders({ orgId: org.id, query: recentReadersQuerySchema.parse({ before: second.olderCursor }), pageSize: 3 });
    expect(last.readers.map((r) => r.id)).toEqual(newestFirst.slice(6));
    expect(last.olderCursor).toBeNull();
    const back = await listRecentReaders({ orgId: org.id, query: recentReadersQuerySchema.parse({ after: last.newerCursor }), pageSize: 3 });
    expect(back.readers.map((r) => r.id)).toEqual(newestFirst.slice(3, 6));
    // Another organisation's readers never appear; a forged cursor is refused before any query.
    expect((await listRecentReaders({ orgId: (await createFixtureOrg()).id, query: {} })).readers).toEqual([]);
    expect(recentReadersQuerySchema.safeParse({ before: "2026-01-01T00:00:00.000Z~' or 1=1 --" }).success).toBe(false);
  });

  it("finds readers by the beginning of their email, only in this organisation", async () => {
    const org = await createFixtureOrg();
    const other = await createFixtureOrg();
    const reader = await createFixtureReader(org.id);
    await createFixtureReader(other.id, reader.email);
    const found = await searchReaders({ orgId: org.id, query: reader.email.slice(0, 12).toUpperCase() });
    expect(found.map((r) => r.id)).toEqual([reader.id]);
  });

  it("lists a reader's SSO tokens and site sessions with their state", async () => {
    const org = await createFixtureOrg();
    const reader = await createFixtureReader(org.id);
    const { token, news } = await browserSignedIn(org, reader.id);
    const detail = await getReaderDetail({ orgId: org.id, readerId: reader.id });
    expect(detail?.ssoTokens).toEqual([expect.objectContaining({ id: token.id, state: "live", isAuthenticatedAsReader: true, linkedSessions: 2 })]);
    expect(detail?.siteSessions.find((s) => s.id === news.id)).toMatchObject({ state: "live", isSignedIn: true, authMethod: "password" });
    expect(await getReaderDetail({ orgId: (await createFixtureOrg()).id, readerId: reader.id })).toBeNull();
  });

  it("shows an admin the reader's sign-in activity: someone guessing from one address, the lockout of that address, and the reader's own sign-in from elsewhere", async () => {
    const org = await createFixtureOrg();
    const reader = await db.reader.create({ data: { orgId: org.id, email: `guessed-${Date.now()}@example.com`, passwordHash: await hashPassword("the-right-password") } });
    const attacker = `10.${Math.floor(Math.random() * 250)}.7.7`;
    for (let i = 0; i < 5; i++) await authenticateReader({ orgId: org.id, email: reader.email, password: `guess-${i}`, ip: attacker });
    expect((await authenticateReader({ orgId: org.id, email: reader.email, password: "the-right-password", ip: "10.251.0.1" })).ok).toBe(true);
    const detail = await getReaderDetail({ orgId: org.id, readerId: reader.id });
    const types = detail?.signInEvents.map((e) => e.type) ?? [];
    expect(types[0]).toBe("auth.signin");
    expect(types.filter((t) => t === "auth.signin_failed")).toHaveLength(5);
    expect(detail?.signInEvents.find((e) => e.type === "auth.lockout")).toMatchObject({ ip: attacker, data: { scope: "account_address" } });
  });

  it("revoking one site session revokes only it, audited with the actor", async () => {
    const org = await createFixtureOrg();
    const staff = await createFixtureStaff([{ orgId: org.id, role: "admin" }]);
    const reader = await createFixtureReader(org.id);
    const { news, sport } = await browserSignedIn(org, reader.id);
    expect(await revokeSiteSession({ orgId: org.id, sessionId: news.id, actorStaffId: staff.id })).toEqual({ revokedSessions: 1, revokedTokens: 0 });
    expect((await db.siteSession.findUniqueOrThrow({ where: { id: news.id } })).revokedAt).not.toBeNull();
    expect((await db.siteSession.findUniqueOrThrow({ where: { id: sport.id } })).revokedAt).toBeNull();
    const event = await db.auditEvent.findFirstOrThrow({ where: { orgId: org.id, type: "admin.session_revoked" } });
    expect(event).toMatchObject({ actorStaffId: staff.id, readerId: reader.id, siteId: org.site("news").id, data: { scope: "site_session", revokedSessions: 1 } });
  });

  it("revoking an SSO token revokes it and every session linked to it", async () => {
    const org = await createFixtureOrg();
    const staff = await createFixtureStaff([{ orgId: org.id, role: "admin" }]);
    const reader = await createFixtureReader(org.id);
    const { token } = await browserSignedIn(org, reader.id);
    expect(await revokeSsoToken({ orgId: org.id, tokenId: token.id, actorStaffId: staff.id })).toEqual({ revokedSessions: 2, revokedTokens: 1 });
    expect(await db.siteSession.count({ where: { ssoTokenId: token.id, revokedAt: null } })).toBe(0);
    expect(await db.ssoToken.findUniqueOrThrow({ where: { id: token.id } })).toMatchObject({ readerId: null, revokedAt: expect.any(Date) });
  });

  it("signing a reader out everywhere revokes every session and token of theirs, and nobody else's", async () => {
    const org = await createFixtureOrg();
    const staff = await createFixtureStaff([{ orgId: org.id, role: "admin" }]);
    const reader = await createFixtureReader(org.id);
    const bystander = await createFixtureReader(org.id);
    await browserSignedIn(org, reader.id);
    await browserSignedIn(org, reader.id);
    const theirs = await browserSignedIn(org, bystander.id);
    expect(await revokeReaderSessions({ orgId: org.id, readerId: reader.id, actorStaffId: staff.id })).toEqual({ revokedSessions: 4, revokedTokens: 2 });
    expect(await db.siteSession.count({ where: { readerId: reader.id, revokedAt: null } })).toBe(0);
    expect((await db.ssoToken.findUniqueOrThrow({ where: { id: theirs.token.id } })).revokedAt).toBeNull();
  });

  it("does not touch another organisation's session, token or reader: not found", async () => {
    const mine = await createFixtureOrg();
    const theirs = await createFixtureOrg();
    const staff = await createFixtureStaff([{ orgId: mine.id, role: "admin" }]);
    const reader = await createFixtureReader(theirs.id);
    const { token, news } = await browserSignedIn(theirs, reader.id);
    await expect(revokeSiteSession({ orgId: mine.id, sessionId: news.id, actorStaffId: staff.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeSsoToken({ orgId: mine.id, tokenId: token.id, actorStaffId: staff.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeReaderSessions({ orgId: mine.id, readerId: reader.id, actorStaffId: staff.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeSiteSession({ orgId: mine.id, sessionId: "not-a-uuid", actorStaffId: staff.id })).rejects.toMatchObject({ code: "not_found" });
    expect(await db.siteSession.count({ where: { readerId: reader.id, revokedAt: null } })).toBe(2);
  });
});
