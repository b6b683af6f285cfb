// SSO tokens (one per browser and organisation, on the auth domain) as the verbs the hot paths
// need — find, create, touch, authenticate — as prepared statements (lib/db/prepared.ts).
// Times are the database's.
import { getPool } from "@/lib/db/pool";
import { preparedStatement, queryPrepared, type Queryable } from "@/lib/db/prepared";
import { generateSecret, hashSecret } from "@/lib/security/secrets";

const FIND_AND_TOUCH = preparedStatement(
  "touch_live_sso_token",
  `UPDATE sso_tokens t SET last_seen_at = now()
     FROM organizations o
    WHERE t.secret_hash = $1 AND t.org_id = $2::uuid AND o.id = t.org_id
      AND t.revoked_at IS NULL AND t.expires_at > now()
      AND t.last_seen_at > now() - make_interval(secs => o.sso_token_idle_seconds)
   RETURNING t.id::text AS id`,
);

/** The live token whose secret this is, in this organisation, its idle time reset; else null. */
export async function touchLiveSsoToken(options: { secret: string; orgId: string }): Promise<string | null> {
  const rows = await queryPrepared<{ id: string }>(FIND_AND_TOUCH, [hashSecret(options.secret), options.orgId]);
  return rows[0]?.id ?? null;
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

const AUTHENTICATE = preparedStatement("authenticate_sso_token", `UPDATE sso_tokens SET reader_id = $2::uuid WHERE id = $1::uuid`);

/** The token now speaks for this reader (the latest sign-in on this browser wins). */
export async function authenticateSsoToken(options: { tokenId: string; readerId: string }, client: Queryable = getPool()): Promise<void> {
  await queryPrepared(AUTHENTICATE, [options.tokenId, options.readerId], client);
}
