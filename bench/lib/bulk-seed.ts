// Bulk data for the scaling run: SSO tokens and site sessions linked to them, inserted with
// SQL in batches (a million rows in well under a minute), so the status path can be measured
// against 10⁴, 10⁵ and 10⁶ rows.
import pg from "pg";

export async function growSessionsTo(options: { connectionString: string; orgId: string; siteId: string; target: number; batch?: number }): Promise<number> {
  const client = new pg.Client({ connectionString: options.connectionString });
  await client.connect();
  try {
    const current = Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM site_sessions")).rows[0]?.n ?? 0);
    const batch = options.batch ?? 100_000;
    for (let from = current; from < options.target; from += batch) {
      const to = Math.min(options.target, from + batch) - 1;
      await client.query(
        `WITH t AS (
           INSERT INTO sso_tokens (org_id, secret_hash, expires_at)
           SELECT $1::uuid, sha256(('bench-token-' || g)::bytea), now() + interval '30 days'
             FROM generate_series($3::int, $4::int) g
           RETURNING id)
         INSERT INTO site_sessions (org_id, site_id, secret_hash, sso_token_id, expires_at)
         SELECT $1::uuid, $2::uuid, sha256(('bench-session-' || t.id)::bytea), t.id, now() + interval '30 days' FROM t`,
        [options.orgId, options.siteId, from, to],
      );
    }
    // Settle before measuring: a table just grown by 900 000 rows has its pages still being
    // written out, hint bits unset and autovacuum due, which a production table of that size has
    // long behind it. The measurement is then of the data's size, not of the bulk load's wake.
    await client.query("VACUUM (ANALYZE) sso_tokens");
    await client.query("VACUUM (ANALYZE) site_sessions");
    await client.query("CHECKPOINT").catch(() => undefined); // needs superuser or pg_checkpoint; optional
    return Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM site_sessions")).rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}
