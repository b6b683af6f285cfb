// Site sessions as a handful of verbs: create (anonymous), sign in (rotating the secret), link
// to an SSO token, and mark a handshake started or failed (revocation is
// lib/sso/revoke-sessions.ts's). Secrets are returned once, to be put in the cookie, and only
// their hash is stored. Every handshake and sign-in runs these, so they are prepared statements
// on the driver (lib/db/prepared.ts); times are the database's.
import type { AuthMethod } from "@/lib/generated/prisma/enums.ts";
import { preparedStatement, queryPrepared, type Queryable } from "@/lib/db/prepared";
import { getPool } from "@/lib/db/pool";
import { signIns } from "@/lib/observability/sso-metrics";
import { generateSecret, hashSecret } from "@/lib/security/secrets";
import { isLiveSiteSession } from "./live-rows";

export type NewSiteSession = { id: string; secret: string };

const CREATE_SESSION = preparedStatement(
  "create_site_session",
  `INSERT INTO site_sessions (org_id, site_id, secret_hash, sso_token_id, user_agent, handshake_started_at, expires_at)
   VALUES ($1::uuid, $2::uuid, $3, $4::uuid, $5, CASE WHEN $6::boolean THEN now() END, now() + make_interval(secs => $7::int))
   RETURNING id::text AS id`,
);

export async function createAnonymousSession(
  options: {
    orgId: string;
    siteId: string;
    absoluteSeconds: number;
    userAgent: string | null;
    ssoTokenId?: string | null;
    handshakeStarted?: boolean;
  },
  client: Queryable = getPool(),
): Promise<NewSiteSession> {
  const secret = generateSecret();
  const rows = await queryPrepared<{ id: string }>(
    CREATE_SESSION,
    [options.orgId, options.siteId, hashSecret(secret), options.ssoTokenId ?? null, options.userAgent?.slice(0, 512) ?? null, options.handshakeStarted === true, options.absoluteSeconds],
    client,
  );
  const id = rows[0]?.id;
  if (!id) throw new Error("INSERT … RETURNING returned no row");
  return { id, secret };
}

/**
 * How long the secret an Auto Login sign-in rotated away still finds the session. Several tabs
 * share one cookie: requests already on their way with the old secret (other tabs loading at
 * the same moment) must find the session they belong to, not start over anonymous.
 */
export const AUTO_SIGN_IN_PREVIOUS_SECRET_SECONDS = 30;

// The previous secret is kept only when an Auto Login signs an anonymous session in: that
// secret could have made the very same sign-in happen by itself (the session is linked to an
// authenticated token), so accepting it a little longer grants nothing new. Any other sign-in
// (password, use_sso, another reader) forgets it: the old secret never reaches that session.
const SIGN_IN_SESSION = preparedStatement(
  "sign_in_site_session",
  `UPDATE site_sessions ss
      SET secret_hash = $2, reader_id = $3::uuid, auth_method = $4::"AuthMethod", signed_in_at = now(), last_seen_at = now(),
          previous_secret_hash = CASE WHEN $4::"AuthMethod" = 'sso_auto' AND ss.reader_id IS NULL THEN ss.secret_hash END,
          previous_secret_expires_at = CASE WHEN $4::"AuthMethod" = 'sso_auto' AND ss.reader_id IS NULL THEN now() + make_interval(secs => $6::int) END
     FROM organizations o
    WHERE ss.id = $1::uuid AND o.id = ss.org_id AND ${isLiveSiteSession("ss", "o")} AND (NOT $5::boolean OR ss.reader_id IS NULL)
   RETURNING ss.id`,
);

/**
 * Signs a live session in as `readerId` and rotates its secret (design §7: the session id
 * changes whenever a session gains privilege). `onlyIfAnonymous` makes the automatic paths
 * (Auto Login, use_sso) race-safe: of two concurrent requests, one signs in and the other
 * changes nothing. Returns the new secret, or null when the session was not eligible.
 */
export async function signInSession(
  options: { sessionId: string; readerId: string; method: AuthMethod; onlyIfAnonymous?: boolean },
  client: Queryable = getPool(),
): Promise<string | null> {
  const secret = generateSecret();
  const rows = await queryPrepared(SIGN_IN_SESSION, [options.sessionId, hashSecret(secret), options.readerId, options.method, options.onlyIfAnonymous === true, AUTO_SIGN_IN_PREVIOUS_SECRET_SECONDS], client);
  if (rows.length !== 1) return null;
  signIns.inc({ method: options.method });
  return secret;
}

const MARK_HANDSHAKE_STARTED = preparedStatement("mark_handshake_started", `UPDATE site_sessions SET handshake_started_at = now() WHERE id = $1::uuid`);

export async function markHandshakeStarted(sessionId: string): Promise<void> {
  await queryPrepared(MARK_HANDSHAKE_STARTED, [sessionId]);
}

const MARK_HANDSHAKE_FAILED = preparedStatement("mark_handshake_failed", `UPDATE site_sessions SET handshake_failed_at = now() WHERE id = $1::uuid`);

/** A failed handshake is remembered so the next pages do not retry at once (no loops). */
export async function markHandshakeFailed(sessionId: string): Promise<void> {
  await queryPrepared(MARK_HANDSHAKE_FAILED, [sessionId]);
}

const LOCK_SESSION_LINK = preparedStatement("lock_site_session_link", `SELECT sso_token_id::text AS token_id FROM site_sessions WHERE id = $1::uuid FOR UPDATE`);

/** The token the session is linked to as it is now (another tab's callback may just have linked it), its row locked. */
export async function lockSessionLink(sessionId: string, client: Queryable): Promise<string | null> {
  const rows = await queryPrepared<{ token_id: string | null }>(LOCK_SESSION_LINK, [sessionId], client);
  return rows[0]?.token_id ?? null;
}

const LINK_SESSION = preparedStatement("link_site_session", `UPDATE site_sessions SET sso_token_id = $2::uuid, handshake_failed_at = NULL WHERE id = $1::uuid`);

/** The session joins the device's SSO token (an OTT redemption); a past failure is forgotten. */
export async function linkSessionToToken(options: { sessionId: string; tokenId: string }, client: Queryable = getPool()): Promise<void> {
  await queryPrepared(LINK_SESSION, [options.sessionId, options.tokenId], client);
}
