// Named prepared statements for the hot paths: the site context every site request loads (and
// the status check every page view makes), the handshake's mint and redemption, rate limits. Postgres parses and plans a named statement once per
// connection and then only binds and executes it: for the site context that is ~0.1 ms of
// execution instead of ~0.7 ms of planning on every request (docs/performance.md). Prisma's
// raw queries are unnamed, so they would be planned anew each time, and its query builder costs
// ~1 ms of CPU per query here against ~0.2 ms for a prepared statement on the driver.
//
// Deployment note: named statements live on a server connection, so a connection pooler in
// front of Postgres must keep them (session pooling, or PgBouncer ≥ 1.21 with
// max_prepared_statements set). Where they cannot (PgBouncer in transaction pooling without
// it; the embedded database, whose client connections all share PGlite's one backend while
// node-postgres remembers per connection what it prepared), DATABASE_PREPARED_STATEMENTS=false
// sends the same statements unnamed: parsed each time, correct everywhere.
import { createHash } from "node:crypto";
import type { Pool, PoolClient, QueryResultRow } from "pg";
import { env } from "@/lib/env";
import { getPool } from "./pool";

/** The pool, or one connection of it holding a transaction (lib/db/transaction.ts `runPgTransaction`). */
export type Queryable = Pool | PoolClient;

export type PreparedStatement = { name: string; text: string };

/** A statement whose name follows from its text, so a changed text never meets a stale plan. */
export function preparedStatement(purpose: string, text: string): PreparedStatement {
  const digest = createHash("sha256").update(text).digest("hex").slice(0, 12);
  return { name: `mss_${purpose}_${digest}`, text };
}

/** Values as the driver expects them: bytes as Buffer (a bare Uint8Array would be sent as JSON). */
function toDriverValue(value: unknown): unknown {
  return value instanceof Uint8Array && !Buffer.isBuffer(value) ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : value;
}

export type QueryPreparedOptions = {
  /** Default DATABASE_PREPARED_STATEMENTS: false sends the statement unnamed. */
  named?: boolean;
};

export async function queryPrepared<Row extends QueryResultRow>(
  statement: PreparedStatement,
  values: unknown[],
  client: Queryable = getPool(),
  options: QueryPreparedOptions = {},
): Promise<Row[]> {
  const named = options.named ?? env.DATABASE_PREPARED_STATEMENTS;
  const result = await client.query<Row>({ ...(named ? { name: statement.name } : {}), text: statement.text, values: values.map(toDriverValue) });
  return result.rows;
}
