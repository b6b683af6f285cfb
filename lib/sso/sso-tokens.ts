// SSO tokens (one per browser and organisation, on the auth domain) as the verbs the hot paths
// need — find, create, touch, authenticate, rotate, merge — as prepared statements (lib/db/prepared.ts).
// Times are the database's.
import { getPool } from "@/lib/db/pool";
import { preparedStatement, queryPrepared, type Queryable } from "@/lib/db/prepared";
import { generateSecret, hashSecret } from "@/lib/security/secrets";
import { isActiveAtAuthDomain, isLiveSsoToken } from "./live-rows";

/**
 * How long a rotated-out secret is still accepted: long enough for handshakes that other tabs
 * started with the old cookie to arrive, short enough to be useless to whoever copied it.
 */
export const PREVIOUS_SECRET_GRACE_SECONDS = 60;

// A cookie of a token merged into another (mergeSsoTokens) stands for that other token; a
// secret rotated out a few seconds ago still stands for its token. Only the current secret of
// the token itself is rotated (`rotate`): a merged or rotated-out cookie is not the browser's latest.
/**
 * The touch as SQL text, `hash` and `org` its placeholders; `onlyIf`, a further condition. The
 * handshake runs it in the round trip that finds the site (mint-one-time-token.ts).
 */
export function touchLiveSsoTokenSql(hash: string, org: string, onlyIf = "true"): string {
  return `UPDATE sso_tokens t SET last_seen_at = now()
     FROM organizations o, sso_tokens presented
    WHERE (presented.secret_hash = ${hash} OR (presented.previous_secret_hash = ${hash} AND presented.previous_secret_expires_at > now()))
      AND presented.org_id = ${org}
      AND t.id = COALESCE(presented.merged_into_id, presented.id)
      AND t.org_id = ${org} AND o.id = t.org_id
      AND ${isActiveAtAuthDomain("t", "o")}
      AND ${onlyIf}
   RETURNING t.id::text AS id, (t.rotate_secret AND t.secret_hash = ${hash}) AS rotate`;
}

const FIND_AND_TOUCH = preparedStatement("touch_live_sso_token", touchLiveSsoTokenSql("$1", "$2::uuid"));

export type LiveSsoToken = {
  id: string;
  /** The token gained privilege since its secret was issued, and this request holds the current secret: replace it now. */
  rotate: boolean;
};

/** The live token whose secret (or, for a few seconds after a rotation, previous secret) this is, its idle time reset; else null. */
export async function touchLiveSsoToken(options: { secret: string; orgId: string }): Promise<LiveSsoToken | null> {
  const rows = await queryPrepared<{ id: string; rotate: boolean }>(FIND_AND_TOUCH, [hashSecret(options.secret), options.orgId]);
  const row = rows[0];
  return row ? { id: row.id, rotate: row.rotate } : null;
}

const CREATE = preparedStatement(
  "create_sso_token",
  `INSERT INTO sso_tokens (org_id, secret_hash, expires_at)
   SELECT o.id, $2, now() + make_interval(secs => o.sso_token_absolute_seconds) FROM organizations o WHERE o.id = $1::uuid
   RETURNING id::text AS id`,
);

/** A new anonymous token for this browser; its secret is returned once, for the cookie. */
export async function createSsoToken(orgId: string): Promise<{ id: string; secret: string }> {
  const secret = generateSecret();
  const rows = await queryPrepared<{ id: string }>(CREATE, [orgId, hashSecret(secret)]);
  const id = rows[0]?.id;
  if (!id) throw new Error(`no organisation ${orgId} to create an SSO token in`);
  return { id, secret };
}

// Only a change of reader is a gain of privilege: the same reader signing in again is not.
const AUTHENTICATE = preparedStatement(
  "authenticate_sso_token",
  `UPDATE sso_tokens SET rotate_secret = rotate_secret OR reader_id IS DISTINCT FROM $2::uuid, reader_id = $2::uuid WHERE id = $1::uuid`,
);

/** The token now speaks for this reader (the latest sign-in on this browser wins); its secret is rotated at its next handshake. */
export async function authenticateSsoToken(options: { tokenId: string; readerId: string }, client: Queryable = getPool()): Promise<void> {
  await queryPrepared(AUTHENTICATE, [options.tokenId, options.readerId], client);
}

// Conditional on the secret the request holds: of concurrent rotations exactly one wins.
const ROTATE = preparedStatement(
  "rotate_sso_token_secret",
  `UPDATE sso_tokens
      SET previous_secret_hash = secret_hash,
          previous_secret_expires_at = now() + make_interval(secs => $4::int),
          secret_hash = $3, rotate_secret = false
    WHERE id = $1::uuid AND secret_hash = $2 AND rotate_secret
   RETURNING id`,
);

/**
 * Replaces the token's secret (design §7: rotated on every gain of privilege). Answers the new
 * secret for the auth domain's cookie, or null when another request rotated it first.
 */
export async function rotateSsoTokenSecret(options: { tokenId: string; currentSecret: string }): Promise<string | null> {
  const secret = generateSecret();
  const rows = await queryPrepared(ROTATE, [options.tokenId, hashSecret(options.currentSecret), hashSecret(secret), PREVIOUS_SECRET_GRACE_SECONDS]);
  return rows.length === 1 ? secret : null;
}

// FOR UPDATE: a merge of this token in flight commits first, and the row is then read as merged.
const RESOLVE_MERGED = preparedStatement(
  "resolve_merged_sso_token",
  `SELECT COALESCE(t.merged_into_id, t.id)::text AS id,
          (SELECT k.reader_id::text FROM sso_tokens k WHERE k.id = COALESCE(t.merged_into_id, t.id)) AS reader_id
     FROM sso_tokens t WHERE t.id = $1::uuid FOR UPDATE`,
);

/** The token this one stands for now (itself, or the one it was merged into), with that token's reader. */
export async function resolveMergedSsoToken(tokenId: string, client: Queryable): Promise<{ id: string; readerId: string | null } | null> {
  const row = (await queryPrepared<{ id: string; reader_id: string | null }>(RESOLVE_MERGED, [tokenId], client))[0];
  return row ? { id: row.id, readerId: row.reader_id } : null;
}

// Only live tokens nobody is signed in with are merged: no identity moves. The kept token's
// merged ones, and their sessions, follow it.
const MERGEABLE = preparedStatement(
  "mergeable_sso_tokens",
  `SELECT t.id::text AS id FROM sso_tokens t
    WHERE t.id IN ($1::uuid, $2::uuid) AND $1::uuid <> $2::uuid AND t.reader_id IS NULL AND t.merged_into_id IS NULL
      AND ${isLiveSsoToken("t")}
      FOR UPDATE`,
);

const MERGE = preparedStatement(
  "merge_sso_tokens",
  `WITH merged AS (
     UPDATE sso_tokens SET merged_into_id = $1::uuid WHERE id = $2::uuid OR merged_into_id = $2::uuid RETURNING id)
   UPDATE site_sessions SET sso_token_id = $1::uuid WHERE sso_token_id IN (SELECT id FROM merged)`,
);

/**
 * Concurrent first handshakes of one browser (tabs opened together, no auth-domain cookie yet)
 * each create a token, and the browser keeps the cookie of whichever answer came last. When one
 * site session turns out to hold both (its callback brings an OTT of one while it is linked to
 * the other, and the state cookie proved the handshake is this browser's own), they are one
 * browser: `otherId` is merged into `keepId`, so whichever cookie the browser kept finds
 * `keepId`. Returns false, merging nothing, unless both are live and anonymous.
 */
export async function mergeSsoTokens(options: { keepId: string; otherId: string }, client: Queryable = getPool()): Promise<boolean> {
  const mergeable = await queryPrepared<{ id: string }>(MERGEABLE, [options.keepId, options.otherId], client);
  if (mergeable.length !== 2) return false;
  await queryPrepared(MERGE, [options.keepId, options.otherId], client);
  return true;
}
