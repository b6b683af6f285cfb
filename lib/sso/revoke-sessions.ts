// The one way site sessions end before their time: a revocation. Every caller — the logout scopes
// (lib/sso/logout.ts), the admin console's revocations (lib/admin/readers.ts), the account page's
// "Sign out of <site>" and consent withdrawal (lib/account/revoke-own-session.ts), a replayed OTT
// (lib/sso/redeem-one-time-token.ts) — names WHICH sessions end; this file alone writes how:
// `revoked_at` from the database's clock, the sessions first and then the SSO tokens (one lock
// order for every revocation, so two of them deadlock as rarely as possible, and the retrying
// helper of lib/db/transaction.ts resolves the rest). A revoked secret is worthless at once:
// every lookup asks lib/sso/live-rows.ts, which refuses a revoked row.
import { getPool } from "@/lib/db/pool";
import { preparedStatement, queryPrepared, type Queryable } from "@/lib/db/prepared";

export type Revocation =
  /** One session (the admin's "revoke"; the reader's own, scoped to `readerId`; JUST_HERE). */
  | { scope: "session"; orgId: string; sessionId: string; readerId?: string }
  /**
   * One browser: every session linked to its SSO token (and `sessionId`, linked or not). The
   * token is `unbind`-ed (THIS_DEVICE: it stays, no longer authenticated, for the browser's
   * fresh session) or `revoke`-d (the admin's "revoke this browser").
   */
  | { scope: "device"; orgId: string; tokenId: string | null; sessionId?: string; token: "unbind" | "revoke" }
  /** OTHER_DEVICES: every session of the reader except this one and this browser's; their tokens unbound. */
  | { scope: "other_devices"; orgId: string; readerId: string; sessionId: string; tokenId: string | null }
  /** EVERYWHERE: every session and SSO token of the reader (and this browser's, when given). */
  | { scope: "everywhere"; orgId: string; readerId: string; sessionId?: string; tokenId?: string | null }
  /** Opt In consent withdrawn for a site: the reader's "Continue as" sessions there. */
  | { scope: "opt_in_consent"; orgId: string; readerId: string; siteId: string }
  /**
   * A device beyond the organisation's limit (lib/sso/device-limit.ts): every session of the
   * reader on each device named (an SSO token's id, or an unlinked session's own id), marked so
   * that the browser is told on its next request; the tokens are unbound, as THIS_DEVICE does.
   */
  | { scope: "device_limit"; orgId: string; readerId: string; deviceIds: string[] }
  /**
   * A replayed OTT: the session its first redemption linked loses its link, and ends unless a
   * password sign-in made since is the reader's own (anonymous or SSO-signed-in sessions end).
   */
  | { scope: "replayed_link"; sessionId: string };

export type RevokedSession = { id: string; siteId: string; readerId: string | null; ssoTokenId: string | null };
export type RevokedRows = { sessions: RevokedSession[]; revokedTokens: number };

type SessionRow = { id: string; site_id: string; reader_id: string | null; sso_token_id: string | null };

/** The only `revoked_at =` for site sessions: those `selection` picks that are not revoked yet. */
function revokeSessionsWhere(name: string, selection: string, reason?: "device_limit") {
  return preparedStatement(
    `revoke_sessions_${name}`,
    `UPDATE site_sessions ss SET revoked_at = now()${reason ? `, revoke_reason = '${reason}'` : ""}
      WHERE ss.revoked_at IS NULL AND ${selection}
     RETURNING ss.id::text AS id, ss.site_id::text AS site_id, ss.reader_id::text AS reader_id, ss.sso_token_id::text AS sso_token_id`,
  );
}

const REVOKE = {
  session: revokeSessionsWhere("session", `ss.id = $1::uuid AND ss.org_id = $2::uuid AND ($3::uuid IS NULL OR ss.reader_id = $3::uuid)`),
  device: revokeSessionsWhere("device", `ss.org_id = $1::uuid AND (ss.sso_token_id = $2::uuid OR ss.id = $3::uuid)`),
  otherDevices: revokeSessionsWhere(
    "other_devices",
    `ss.org_id = $1::uuid AND ss.reader_id = $2::uuid AND ss.id <> $3::uuid
     AND ($4::uuid IS NULL OR ss.sso_token_id IS NULL OR ss.sso_token_id <> $4::uuid)`,
  ),
  everywhere: revokeSessionsWhere(
    "everywhere",
    `ss.org_id = $1::uuid AND (ss.reader_id = $2::uuid OR ss.id = $3::uuid OR ss.sso_token_id = ANY($4::uuid[]))`,
  ),
  optInConsent: revokeSessionsWhere(
    "opt_in_consent",
    `ss.org_id = $1::uuid AND ss.reader_id = $2::uuid AND ss.site_id = $3::uuid AND ss.auth_method = 'sso_opt_in'`,
  ),
  deviceLimit: revokeSessionsWhere(
    "device_limit",
    `ss.org_id = $1::uuid AND ss.reader_id = $2::uuid AND COALESCE(ss.sso_token_id, ss.id) = ANY($3::uuid[])`,
    "device_limit",
  ),
  replayedLink: revokeSessionsWhere("replayed_link", `ss.id = $1::uuid AND (ss.reader_id IS NULL OR ss.auth_method IN ('sso_auto', 'sso_opt_in'))`),
};

/** The only `revoked_at =` for SSO tokens: a revoked token speaks for nobody. */
const REVOKE_TOKENS = preparedStatement(
  "revoke_sso_tokens",
  `UPDATE sso_tokens SET revoked_at = now(), reader_id = NULL WHERE id = ANY($1::uuid[]) AND revoked_at IS NULL RETURNING id`,
);
const UNBIND_TOKEN = preparedStatement("unbind_sso_token", `UPDATE sso_tokens SET reader_id = NULL WHERE id = $1::uuid`);
const UNBIND_OTHER_TOKENS = preparedStatement(
  "unbind_other_sso_tokens",
  `UPDATE sso_tokens SET reader_id = NULL WHERE reader_id = $1::uuid AND ($2::uuid IS NULL OR id <> $2::uuid)`,
);
const UNBIND_READER_TOKENS = preparedStatement(
  "unbind_reader_sso_tokens",
  `UPDATE sso_tokens SET reader_id = NULL WHERE id = ANY($1::uuid[]) AND reader_id = $2::uuid`,
);
const READER_TOKENS = preparedStatement(
  "live_reader_sso_tokens",
  `SELECT id::text AS id FROM sso_tokens WHERE org_id = $1::uuid AND reader_id = $2::uuid AND revoked_at IS NULL`,
);
const UNLINK_SURVIVOR = preparedStatement("unlink_site_session", `UPDATE site_sessions SET sso_token_id = NULL WHERE id = $1::uuid AND revoked_at IS NULL`);

/**
 * Ends the sessions `revocation` names, in the caller's transaction when one is given (pass the
 * client of lib/db/transaction.ts `runPgTransaction`: every revocation of several rows needs one).
 */
export async function revokeSessions(revocation: Revocation, client: Queryable = getPool()): Promise<RevokedRows> {
  const sessions = (rows: SessionRow[]): RevokedSession[] =>
    rows.map((r) => ({ id: r.id, siteId: r.site_id, readerId: r.reader_id, ssoTokenId: r.sso_token_id }));
  const revokeTokens = async (ids: string[]) => (ids.length > 0 ? (await queryPrepared(REVOKE_TOKENS, [ids], client)).length : 0);

  switch (revocation.scope) {
    case "session": {
      const rows = await queryPrepared<SessionRow>(REVOKE.session, [revocation.sessionId, revocation.orgId, revocation.readerId ?? null], client);
      return { sessions: sessions(rows), revokedTokens: 0 };
    }
    case "device": {
      const { tokenId } = revocation;
      const rows = await queryPrepared<SessionRow>(REVOKE.device, [revocation.orgId, tokenId, revocation.sessionId ?? null], client);
      if (!tokenId) return { sessions: sessions(rows), revokedTokens: 0 };
      if (revocation.token === "revoke") return { sessions: sessions(rows), revokedTokens: await revokeTokens([tokenId]) };
      await queryPrepared(UNBIND_TOKEN, [tokenId], client);
      return { sessions: sessions(rows), revokedTokens: 0 };
    }
    case "other_devices": {
      const { readerId, tokenId } = revocation;
      const rows = await queryPrepared<SessionRow>(REVOKE.otherDevices, [revocation.orgId, readerId, revocation.sessionId, tokenId], client);
      await queryPrepared(UNBIND_OTHER_TOKENS, [readerId, tokenId], client);
      return { sessions: sessions(rows), revokedTokens: 0 };
    }
    case "everywhere": {
      const { orgId, readerId } = revocation;
      const readerTokens = await queryPrepared<{ id: string }>(READER_TOKENS, [orgId, readerId], client);
      const tokenIds = [...new Set([...readerTokens.map((t) => t.id), ...(revocation.tokenId ? [revocation.tokenId] : [])])];
      const rows = await queryPrepared<SessionRow>(REVOKE.everywhere, [orgId, readerId, revocation.sessionId ?? null, tokenIds], client);
      return { sessions: sessions(rows), revokedTokens: await revokeTokens(tokenIds) };
    }
    case "opt_in_consent": {
      const rows = await queryPrepared<SessionRow>(REVOKE.optInConsent, [revocation.orgId, revocation.readerId, revocation.siteId], client);
      return { sessions: sessions(rows), revokedTokens: 0 };
    }
    case "device_limit": {
      const { readerId, deviceIds } = revocation;
      const rows = await queryPrepared<SessionRow>(REVOKE.deviceLimit, [revocation.orgId, readerId, deviceIds], client);
      await queryPrepared(UNBIND_READER_TOKENS, [deviceIds, readerId], client);
      return { sessions: sessions(rows), revokedTokens: 0 };
    }
    case "replayed_link": {
      const rows = await queryPrepared<SessionRow>(REVOKE.replayedLink, [revocation.sessionId], client);
      // A password sign-in made since is the reader's own: it stays, only the link goes.
      await queryPrepared(UNLINK_SURVIVOR, [revocation.sessionId], client);
      return { sessions: sessions(rows), revokedTokens: 0 };
    }
  }
}
