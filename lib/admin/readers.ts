// Readers of one organisation as support staff see them: find one by email, list their SSO
// tokens (one per browser) and site sessions, and revoke — one session, one browser's SSO
// token with every session linked to it, or everything of the reader. Every query is scoped
// to the organisation: an id from another organisation is simply not found.
import { z } from "zod";
import { db } from "@/lib/db/client";
import { ApiError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { AuthMethod } from "@/lib/generated/prisma/enums.ts";
import { keysetCursorSchema, keysetPage, keysetWhere } from "./keyset-cursor";

const SEARCH_LIMIT = 25;
export const READERS_PAGE_SIZE = 25;
const DETAIL_LIMIT = 200;

export const readerSearchSchema = z.string().trim().toLowerCase().min(1).max(254);
export const uuidSchema = z.uuid();

export type ReaderSummary = { id: string; email: string; displayName: string | null; createdAt: Date };

/**
 * Readers whose email starts with `query` (emails are stored trimmed and lower case), or the
 * reader with that id. NOTE: a prefix search on a huge organisation scans its readers'
 * (org_id, email) index range; a trigram index is the upgrade when that becomes slow.
 */
export async function searchReaders(options: { orgId: string; query: string }): Promise<ReaderSummary[]> {
  const query = readerSearchSchema.parse(options.query);
  const byId = uuidSchema.safeParse(query);
  return db.reader.findMany({
    where: { orgId: options.orgId, ...(byId.success ? { id: byId.data } : { email: { startsWith: query } }) },
    select: { id: true, email: true, displayName: true, createdAt: true },
    orderBy: { email: "asc" },
    take: SEARCH_LIMIT,
  });
}

const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);

export const recentReadersQuerySchema = z.object({
  before: z.preprocess(emptyToUndefined, keysetCursorSchema.optional()),
  after: z.preprocess(emptyToUndefined, keysetCursorSchema.optional()),
});

export type RecentReadersPage = { readers: ReaderSummary[]; olderCursor: string | null; newerCursor: string | null };

/**
 * The organisation's readers, newest registration first, a page at a time. Keyset pagination on
 * (created_at, id) over the index readers (org_id, created_at) (lib/admin/keyset-cursor.ts):
 * readers register all the time, and an offset would shift every page by one per new reader.
 */
export async function listRecentReaders(options: { orgId: string; query: z.infer<typeof recentReadersQuerySchema>; pageSize?: number }): Promise<RecentReadersPage> {
  const pageSize = options.pageSize ?? READERS_PAGE_SIZE;
  const step = options.query.after ? "newer" : "older";
  const cursor = options.query.after ?? options.query.before;
  const direction = step === "older" ? "desc" : "asc";
  const rows = await db.reader.findMany({
    where: { AND: [{ orgId: options.orgId }, keysetWhere(cursor, step)] },
    select: { id: true, email: true, displayName: true, createdAt: true },
    orderBy: [{ createdAt: direction }, { id: direction }],
    take: pageSize + 1,
  });
  const page = keysetPage(rows, { pageSize, direction: step, hasCursor: cursor !== undefined });
  return { readers: page.rows, olderCursor: page.olderCursor, newerCursor: page.newerCursor };
}

export type LiveState = "live" | "revoked" | "expired" | "idle";

export type ReaderSsoToken = {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  state: LiveState;
  /** Currently signed in as this reader (the token's user). */
  isAuthenticatedAsReader: boolean;
  linkedSessions: number;
};

export type ReaderSiteSession = {
  id: string;
  site: { slug: string; name: string };
  createdAt: Date;
  lastSeenAt: Date;
  signedInAt: Date | null;
  authMethod: AuthMethod | null;
  /** Signed in as this reader; false for an anonymous session linked to one of their tokens. */
  isSignedIn: boolean;
  ssoTokenId: string | null;
  userAgent: string | null;
  state: LiveState;
};

/** One of the reader's sign-in events: lockouts, failures, slowed and successful sign-ins (lib/auth/sign-in-throttle.ts). */
export type ReaderSignInEvent = { id: string; type: string; createdAt: Date; ip: string | null; siteName: string | null; data: unknown };

export type ReaderDetail = { reader: ReaderSummary; ssoTokens: ReaderSsoToken[]; siteSessions: ReaderSiteSession[]; signInEvents: ReaderSignInEvent[] };

const SIGN_IN_EVENT_TYPES = ["auth.lockout", "auth.signin_failed", "auth.signin_slowed", "auth.signin"];

function stateOf(row: { revokedAt: Date | null; expiresAt: Date; lastSeenAt: Date }, idleSeconds: number | null, now: Date): LiveState {
  if (row.revokedAt) return "revoked";
  if (row.expiresAt <= now) return "expired";
  if (idleSeconds !== null && row.lastSeenAt.getTime() <= now.getTime() - idleSeconds * 1000) return "idle";
  return "live";
}

export async function getReaderDetail(options: { orgId: string; readerId: string }): Promise<ReaderDetail | null> {
  const readerId = uuidSchema.safeParse(options.readerId);
  if (!readerId.success) return null;
  const reader = await db.reader.findFirst({
    where: { id: readerId.data, orgId: options.orgId },
    select: { id: true, email: true, displayName: true, createdAt: true, org: { select: { sessionIdleSeconds: true, ssoTokenIdleSeconds: true } } },
  });
  if (!reader) return null;
  const now = new Date();
  const sessions = await db.siteSession.findMany({
    where: { orgId: options.orgId, OR: [{ readerId: reader.id }, { ssoToken: { readerId: reader.id } }] },
    select: {
      id: true, createdAt: true, lastSeenAt: true, signedInAt: true, authMethod: true, readerId: true, ssoTokenId: true,
      userAgent: true, expiresAt: true, revokedAt: true, site: { select: { slug: true, name: true } },
    },
    orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }],
    take: DETAIL_LIMIT,
  });
  const tokenIds = [...new Set(sessions.map((s) => s.ssoTokenId).filter((id): id is string => id !== null))];
  const tokens = await db.ssoToken.findMany({
    where: { orgId: options.orgId, OR: [{ readerId: reader.id }, { id: { in: tokenIds } }] },
    select: { id: true, readerId: true, createdAt: true, lastSeenAt: true, expiresAt: true, revokedAt: true },
    orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }],
    take: DETAIL_LIMIT,
  });
  const siteSessions: ReaderSiteSession[] = sessions.map((s) => ({
    id: s.id,
    site: s.site,
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    signedInAt: s.signedInAt,
    authMethod: s.authMethod,
    isSignedIn: s.readerId === reader.id,
    ssoTokenId: s.ssoTokenId,
    userAgent: s.userAgent,
    state: stateOf(s, reader.org.sessionIdleSeconds, now),
  }));
  const ssoTokens: ReaderSsoToken[] = tokens.map((t) => {
    const linked = siteSessions.filter((s) => s.ssoTokenId === t.id && s.state === "live");
    const state = stateOf(t, reader.org.ssoTokenIdleSeconds, now);
    return {
      id: t.id,
      createdAt: t.createdAt,
      lastSeenAt: t.lastSeenAt,
      expiresAt: t.expiresAt,
      state,
      // The definition of lib/sso/site-context.ts: a user and a live signed-in session linked to it.
      isAuthenticatedAsReader: state === "live" && t.readerId === reader.id && linked.some((s) => s.isSignedIn),
      linkedSessions: linked.length,
    };
  });
  // So that an admin sees someone guessing a reader's password (and whether the reader still got in).
  const events = await db.auditEvent.findMany({
    where: { orgId: options.orgId, readerId: reader.id, type: { in: SIGN_IN_EVENT_TYPES } },
    select: { id: true, type: true, createdAt: true, ip: true, siteId: true, data: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: DETAIL_LIMIT,
  });
  const siteNames = new Map((await db.site.findMany({ where: { orgId: options.orgId }, select: { id: true, name: true } })).map((s) => [s.id, s.name]));
  const signInEvents = events.map((e) => ({ id: e.id, type: e.type, createdAt: e.createdAt, ip: e.ip, siteName: e.siteId ? (siteNames.get(e.siteId) ?? null) : null, data: e.data }));
  return { reader: { id: reader.id, email: reader.email, displayName: reader.displayName, createdAt: reader.createdAt }, ssoTokens, siteSessions, signInEvents };
}

export type RevokeResult = { revokedSessions: number; revokedTokens: number };

type Actor = { orgId: string; actorStaffId: string; ip?: string | null };

/** Revokes one site session: the reader is signed out of that site (that browser) at its next request. */
export async function revokeSiteSession(options: Actor & { sessionId: string }): Promise<RevokeResult> {
  const sessionId = uuidSchema.safeParse(options.sessionId);
  if (!sessionId.success) throw new ApiError("not_found", "No such session in this organisation.");
  return db.$transaction(async (tx) => {
    const session = await tx.siteSession.findFirst({ where: { id: sessionId.data, orgId: options.orgId }, select: { id: true, siteId: true, readerId: true } });
    if (!session) throw new ApiError("not_found", "No such session in this organisation.");
    const { count } = await tx.siteSession.updateMany({ where: { id: session.id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count > 0) {
      await recordAuditEvent(
        {
          orgId: options.orgId, type: "admin.session_revoked", actorStaffId: options.actorStaffId, readerId: session.readerId, siteId: session.siteId, ip: options.ip ?? null,
          data: { scope: "site_session", siteSessionId: session.id, revokedSessions: count, revokedTokens: 0 },
        },
        tx,
      );
    }
    return { revokedSessions: count, revokedTokens: 0 };
  });
}

/** Revokes one browser's SSO token and every site session linked to it: that browser is signed out on every site. */
export async function revokeSsoToken(options: Actor & { tokenId: string }): Promise<RevokeResult> {
  const tokenId = uuidSchema.safeParse(options.tokenId);
  if (!tokenId.success) throw new ApiError("not_found", "No such SSO token in this organisation.");
  return db.$transaction(async (tx) => {
    const token = await tx.ssoToken.findFirst({ where: { id: tokenId.data, orgId: options.orgId }, select: { id: true, readerId: true } });
    if (!token) throw new ApiError("not_found", "No such SSO token in this organisation.");
    const now = new Date();
    const sessions = await tx.siteSession.updateMany({ where: { ssoTokenId: token.id, orgId: options.orgId, revokedAt: null }, data: { revokedAt: now } });
    const tokens = await tx.ssoToken.updateMany({ where: { id: token.id, revokedAt: null }, data: { revokedAt: now, readerId: null } });
    if (sessions.count + tokens.count > 0) {
      await recordAuditEvent(
        {
          orgId: options.orgId, type: "admin.session_revoked", actorStaffId: options.actorStaffId, readerId: token.readerId, ip: options.ip ?? null,
          data: { scope: "sso_token", ssoTokenId: token.id, revokedSessions: sessions.count, revokedTokens: tokens.count },
        },
        tx,
      );
    }
    return { revokedSessions: sessions.count, revokedTokens: tokens.count };
  });
}

/** Signs the reader out everywhere: every site session and SSO token of theirs (as POST /api/logout EVERYWHERE does). */
export async function revokeReaderSessions(options: Actor & { readerId: string }): Promise<RevokeResult> {
  const readerId = uuidSchema.safeParse(options.readerId);
  if (!readerId.success) throw new ApiError("not_found", "No such reader in this organisation.");
  return db.$transaction(async (tx) => {
    const reader = await tx.reader.findFirst({ where: { id: readerId.data, orgId: options.orgId }, select: { id: true } });
    if (!reader) throw new ApiError("not_found", "No such reader in this organisation.");
    const now = new Date();
    const tokenIds = (await tx.ssoToken.findMany({ where: { orgId: options.orgId, readerId: reader.id, revokedAt: null }, select: { id: true } })).map((t) => t.id);
    const sessions = await tx.siteSession.updateMany({
      where: { orgId: options.orgId, revokedAt: null, OR: [{ readerId: reader.id }, ...(tokenIds.length > 0 ? [{ ssoTokenId: { in: tokenIds } }] : [])] },
      data: { revokedAt: now },
    });
    const tokens = await tx.ssoToken.updateMany({ where: { id: { in: tokenIds } }, data: { revokedAt: now, readerId: null } });
    await recordAuditEvent(
      {
        orgId: options.orgId, type: "admin.session_revoked", actorStaffId: options.actorStaffId, readerId: reader.id, ip: options.ip ?? null,
        data: { scope: "reader", revokedSessions: sessions.count, revokedTokens: tokens.count },
      },
      tx,
    );
    return { revokedSessions: sessions.count, revokedTokens: tokens.count };
  });
}
