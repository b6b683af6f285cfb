// Signed-in SSO tokens for the handshake workload "SSO sign-in on a new site with a signed-in
// token": what a reader's browser holds after signing in on one site. Made with SQL (a password
// sign-in per flow would measure argon2, not the handshake; that has its own figure), each
// used by one flow only: a token mints at most OTT_MINT_PER_TOKEN OTTs a minute, a limit the
// bench must not measure either.
import { createHash, randomBytes } from "node:crypto";
import pg from "pg";

export type TokenPool = { take(): string; readonly size: number; readonly taken: number };

export async function makeSignedInTokens(options: { connectionString: string; orgId: string; signedInSiteId: string; count: number }): Promise<TokenPool> {
  const secrets = Array.from({ length: options.count }, () => randomBytes(32).toString("base64url"));
  const hashes = secrets.map((secret) => createHash("sha256").update(secret, "utf8").digest());
  const client = new pg.Client({ connectionString: options.connectionString });
  await client.connect();
  try {
    // A token is signed in when a live site session of its reader is signed in through it
    // (lib/sso/site-context.ts): each gets one on `signedInSiteId`, as a password sign-in makes.
    // Each token is its own reader's (bench-reader-N@example.com, no usable password): a reader
    // has a device or two, and the status path's queries are sized by that, not by the bench.
    const inserted = await client.query(
      `WITH r AS (
         INSERT INTO readers (org_id, email, password_hash, email_verified_at)
         SELECT $1::uuid, 'bench-reader-' || n || '@example.com', 'not-a-password-hash', now()
           FROM generate_series(1, cardinality($2::bytea[])) AS n
         RETURNING id, email),
       t AS (
         INSERT INTO sso_tokens (org_id, secret_hash, reader_id, expires_at)
         SELECT $1::uuid, h.hash, r.id, now() + interval '30 days'
           FROM unnest($2::bytea[]) WITH ORDINALITY AS h(hash, n)
           JOIN r ON r.email = 'bench-reader-' || h.n || '@example.com'
         RETURNING id, reader_id)
       INSERT INTO site_sessions (org_id, site_id, secret_hash, sso_token_id, reader_id, auth_method, signed_in_at, expires_at)
       SELECT $1::uuid, $3::uuid, sha256(('bench-signed-in-' || t.id)::bytea), t.id, t.reader_id, 'password', now(), now() + interval '30 days' FROM t`,
      [options.orgId, hashes, options.signedInSiteId],
    );
    if (inserted.rowCount !== options.count) throw new Error(`made ${inserted.rowCount} signed-in tokens, not ${options.count} `);
  } finally {
    await client.end();
  }
  let next = 0;
  return {
    size: secrets.length,
    get taken() {
      return next;
    },
    take() {
      const secret = secrets[next++];
      if (!secret) throw new Error(`the ${secrets.length} signed-in tokens are used up: raise their count`);
      return secret;
    },
  };
}
