// oidc-provider's storage Adapter on Postgres, for the benchmark's OIDC peer: every model
// (Session, Interaction, Grant, AuthorizationCode, AccessToken, …) in one table keyed by
// (model, id), the payload as jsonb, and the columns the provider looks things up by (grant_id,
// uid, user_code) beside it. It lives only in the bench's throwaway database: the peer creates
// it on start, and it is no part of the product's schema (no migration).
//
// Shaped like the provider's own memory adapter and the reference adapters in its docs: find
// hands back the stored payload, with `consumed` set once consume() has run (that is how the
// provider refuses a second redemption of an authorization code). Times come from the
// database's clock, as everywhere in this project.

export const OIDC_PEER_TABLE = "oidc_peer_payloads";

/** Creates the table and its lookup indexes if they are not there yet. */
export async function ensureOidcPeerTable(pool) {
  await pool.query(`
    CREATE TABLE IF NOT EXISTS ${OIDC_PEER_TABLE} (
      id text NOT NULL,
      model text NOT NULL,
      payload jsonb NOT NULL,
      grant_id text,
      user_code text,
      uid text,
      expires_at timestamptz,
      consumed_at timestamptz,
      PRIMARY KEY (model, id)
    );
    CREATE INDEX IF NOT EXISTS ${OIDC_PEER_TABLE}_grant_id ON ${OIDC_PEER_TABLE} (grant_id);
    CREATE INDEX IF NOT EXISTS ${OIDC_PEER_TABLE}_uid ON ${OIDC_PEER_TABLE} (uid);
    CREATE INDEX IF NOT EXISTS ${OIDC_PEER_TABLE}_user_code ON ${OIDC_PEER_TABLE} (user_code);
  `);
}

// A row the provider may still see: not expired (the provider checks `exp` itself too; this
// keeps expired rows out of the indexed look-ups as well).
const LIVE = "(expires_at IS NULL OR expires_at > now())";

const payloadOf = (row) => (row ? { ...row.payload, ...(row.consumed_at ? { consumed: true } : {}) } : undefined);

/** `Provider({ adapter })`: oidc-provider calls this once per model name. */
export function createPostgresAdapter(pool) {
  return class PostgresAdapter {
    constructor(model) {
      this.model = model;
    }

    async upsert(id, payload, expiresIn) {
      await pool.query(
        `INSERT INTO ${OIDC_PEER_TABLE} (id, model, payload, grant_id, user_code, uid, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7::int IS NULL THEN NULL ELSE now() + make_interval(secs => $7::int) END)
         ON CONFLICT (model, id) DO UPDATE SET payload = EXCLUDED.payload, grant_id = EXCLUDED.grant_id,
           user_code = EXCLUDED.user_code, uid = EXCLUDED.uid, expires_at = EXCLUDED.expires_at`,
        [id, this.model, payload, payload.grantId ?? null, payload.userCode ?? null, payload.uid ?? null, typeof expiresIn === "number" ? expiresIn : null],
      );
    }

    async find(id) {
      const { rows } = await pool.query(`SELECT payload, consumed_at FROM ${OIDC_PEER_TABLE} WHERE model = $1 AND id = $2 AND ${LIVE}`, [this.model, id]);
      return payloadOf(rows[0]);
    }

    async findByUserCode(userCode) {
      const { rows } = await pool.query(`SELECT payload, consumed_at FROM ${OIDC_PEER_TABLE} WHERE model = $1 AND user_code = $2 AND ${LIVE}`, [this.model, userCode]);
      return payloadOf(rows[0]);
    }

    async findByUid(uid) {
      const { rows } = await pool.query(`SELECT payload, consumed_at FROM ${OIDC_PEER_TABLE} WHERE model = $1 AND uid = $2 AND ${LIVE}`, [this.model, uid]);
      return payloadOf(rows[0]);
    }

    async consume(id) {
      await pool.query(`UPDATE ${OIDC_PEER_TABLE} SET consumed_at = now() WHERE model = $1 AND id = $2`, [this.model, id]);
    }

    async destroy(id) {
      await pool.query(`DELETE FROM ${OIDC_PEER_TABLE} WHERE model = $1 AND id = $2`, [this.model, id]);
    }

    // Every artifact issued under a grant, whatever its model (codes, access and refresh tokens).
    async revokeByGrantId(grantId) {
      await pool.query(`DELETE FROM ${OIDC_PEER_TABLE} WHERE grant_id = $1`, [grantId]);
    }
  };
}
