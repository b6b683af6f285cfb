// Readers of one organisation as support staff see them: find one by email, list their SSO
// tokens (one per browser) and site sessions, and revoke — one session, one browser's SSO
// token with every session linked to it, or everything of the reader. Every query is scoped
// to the organisation: an id from another organisation is simply not found.
import type { PoolClient } from "pg";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { runPgTransaction } from "@/lib/db/transaction";
import { ApiError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import type { AuthMethod } from "@/lib/generated/prisma/enums.ts";
import { siteSessionState, ssoTokenState, type LiveState } from "@/lib/sso/live-rows";
import { revokeSessions, type Revocation } from "@/lib/sso/revoke-sessions";
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

export type { LiveState };

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

// States by lib/sso/live-rows.ts's definitions, on the database's clock.
const SESSION_STATE = Prisma.raw(siteSessionState("ss", "o"));
const TOKEN_STATE = Prisma.raw(ssoTokenState("t", "o"));

type SessionRow = {
  id: string; created_at: Date; last_seen_at: Date; signed_in_at: Date | null; auth_method: AuthMethod | null; reader_id: string | null;
  sso_token_id: string | null; user_agent: string | null; site_slug: string; site_name: string; state: LiveState;
};
type TokenRow = { id: string; reader_id: string | null; created_at: Date; last_seen_at: Date; expires_at: Date; state: LiveState };

export async function getReaderDetail(options: { orgId: string; readerId: string }): Promise<ReaderDetail | null> {
  const readerId = uuidSchema.safeParse(options.readerId);
  if (!readerId.success) return null;
  const reader = await db.reader.findFirst({
    where: { id: readerId.data, orgId: options.orgId },
    select: { id: true, email: true, displayName: true, createdAt: true },
  });
  if (!reader) return null;
  // The reader's sessions, and the anonymous ones linked to a browser signed in as them.
  const sessions = await db.$queryRaw<SessionRow[]>`
    SELECT ss.id::text AS id, ss.created_at, ss.last_seen_at, ss.signed_in_at, ss.auth_method::text AS auth_method,
           ss.reader_id::text AS reader_id, ss.sso_token_id::text AS sso_token_id, ss.user_agent,
           s.slug AS site_slug, s.name AS site_name, ${SESSION_STATE} AS state
      FROM site_sessions ss
      JOIN sites s ON s.id = ss.site_id
      JOIN organizations o ON o.id = ss.org_id
     WHERE ss.org_id = ${options.orgId}::uuid
       AND (ss.reader_id = ${reader.id}::uuid OR EXISTS (SELECT 1 FROM sso_tokens k WHERE k.id = ss.sso_token_id AND k.reader_id = ${reader.id}::uuid))
     ORDER BY ss.last_seen_at DESC, ss.id ASC
     LIMIT ${DETAIL_LIMIT}`;
  const tokenIds = [...new Set(sessions.map((s) => s.sso_token_id).filter((id): id is string => id !== null))];
  const tokens = await db.$queryRaw<TokenRow[]>`
    SELECT t.id::text AS id, t.reader_id::text AS reader_id, t.created_at, t.last_seen_at, t.expires_at, ${TOKEN_STATE} AS state
      FROM sso_tokens t
      JOIN organizations o ON o.id = t.org_id
     WHERE t.org_id = ${options.orgId}::uuid AND (t.reader_id = ${reader.id}::uuid OR t.id = ANY(${tokenIds}::uuid[]))
     ORDER BY t.last_seen_at DESC, t.id ASC
     LIMIT ${DETAIL_LIMIT}`;
  const siteSessions: ReaderSiteSession[] = sessions.map((s) => ({
    id: s.id,
    site: { slug: s.site_slug, name: s.site_name },
    createdAt: s.created_at,
    lastSeenAt: s.last_seen_at,
    signedInAt: s.signed_in_at,
    authMethod: s.auth_method,
    isSignedIn: s.reader_id === reader.id,
    ssoTokenId: s.sso_token_id,
    userAgent: s.user_agent,
    state: s.state,
  }));
  const ssoTokens: ReaderSsoToken[] = tokens.map((t) => {
    const linked = siteSessions.filter((s) => s.ssoTokenId === t.id && s.state === "live");
    return {
      id: t.id,
      createdAt: t.created_at,
      lastSeenAt: t.last_seen_at,
      expiresAt: t.expires_at,
      state: t.state,
      // The definition of lib/sso/site-context.ts: a user and a live signed-in session linked to it.
      isAuthenticatedAsReader: t.state === "live" && t.reader_id === reader.id && linked.some((s) => s.isSignedIn),
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

type SessionOwner = { id: string; site_id: string; reader_id: string | null };
type TokenOwner = { id: string; reader_id: string | null };

async function adminRevocation(options: Actor, revocation: Revocation, audit: { readerId: string | null; siteId?: string; data: Record<string, unknown> }, tx: PoolClient): Promise<RevokeResult> {
  const revoked = await revokeSessions(revocation, tx);
  const result = { revokedSessions: revoked.sessions.length, revokedTokens: revoked.revokedTokens };
  // A revocation that changed nothing (already revoked) is not an event; a reader-wide one always is.
  if (revocation.scope === "everywhere" || result.revokedSessions + result.revokedTokens > 0) {
    await recordAuditEvent(
      {
        orgId: options.orgId, type: "admin.session_revoked", actorStaffId: options.actorStaffId, readerId: audit.readerId, siteId: audit.siteId ?? null, ip: options.ip ?? null,
        data: { ...audit.data, ...result },
      },
      tx,
    );
  }
  return result;
}

/** Revokes one site session: the reader is signed out of that site (that browser) at its next request. */
export async function revokeSiteSession(options: Actor & { sessionId: string }): Promise<RevokeResult> {
  const sessionId = uuidSchema.safeParse(options.sessionId);
  if (!sessionId.success) throw new ApiError("not_found", "No such session in this organisation.");
  return runPgTransaction(async (tx) => {
    const { rows } = await tx.query<SessionOwner>(
      `SELECT id::text AS id, site_id::text AS site_id, reader_id::text AS reader_id FROM site_sessions WHERE id = $1::uuid AND org_id = $2::uuid`,
      [sessionId.data, options.orgId],
    );
    const session = rows[0];
    if (!session) throw new ApiError("not_found", "No such session in this organisation.");
    return adminRevocation(
      options,
      { scope: "session", orgId: options.orgId, sessionId: session.id },
      { readerId: session.reader_id, siteId: session.site_id, data: { scope: "site_session", siteSessionId: session.id } },
      tx,
    );
  });
}

/** Revokes one browser's SSO token and every site session linked to it: that browser is signed out on every site. */
export async function revokeSsoToken(options: Actor & { tokenId: string }): Promise<RevokeResult> {
  const tokenId = uuidSchema.safeParse(options.tokenId);
  if (!tokenId.success) throw new ApiError("not_found", "No such SSO token in this organisation.");
  return runPgTransaction(async (tx) => {
    const { rows } = await tx.query<TokenOwner>(`SELECT id::text AS id, reader_id::text AS reader_id FROM sso_tokens WHERE id = $1::uuid AND org_id = $2::uuid`, [
      tokenId.data,
      options.orgId,
    ]);
    const token = rows[0];
    if (!token) throw new ApiError("not_found", "No such SSO token in this organisation.");
    return adminRevocation(
      options,
      { scope: "device", orgId: options.orgId, tokenId: token.id, token: "revoke" },
      { readerId: token.reader_id, data: { scope: "sso_token", ssoTokenId: token.id } },
      tx,
    );
  });
}

/** Signs the reader out everywhere: every site session and SSO token of theirs (POST /api/logout's EVERYWHERE, lib/sso/revoke-sessions.ts). */
export async function revokeReaderSessions(options: Actor & { readerId: string }): Promise<RevokeResult> {
  const readerId = uuidSchema.safeParse(options.readerId);
  if (!readerId.success) throw new ApiError("not_found", "No such reader in this organisation.");
  return runPgTransaction(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(`SELECT id::text AS id FROM readers WHERE id = $1::uuid AND org_id = $2::uuid`, [readerId.data, options.orgId]);
    const reader = rows[0];
    if (!reader) throw new ApiError("not_found", "No such reader in this organisation.");
    return adminRevocation(options, { scope: "everywhere", orgId: options.orgId, readerId: reader.id }, { readerId: reader.id, data: { scope: "reader" } }, tx);
  });
}
