// Named prepared statements for the hot paths (the status check every page view makes, the
// site context every site request loads). Postgres parses and plans a named statement once per
// connection and then only binds and executes it: for the site context that is ~0.1 ms of
// execution instead of ~0.7 ms of planning on every request (docs/performance.md). Prisma's
// raw queries are unnamed, so they would be planned anew each time.
//
// Deployment note: named statements live on a server connection, so a connection pooler in
// front of Postgres must keep them (session pooling, or PgBouncer ≥ 1.21 with
// max_prepared_statements set).
import { createHash } from "node:crypto";
import type { QueryResultRow } from "pg";
import { getPool } from "./pool";

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

export async function queryPrepared<Row extends QueryResultRow>(statement: PreparedStatement, values: unknown[]): Promise<Row[]> {
  const result = await getPool().query<Row>({ name: statement.name, text: statement.text, values: values.map(toDriverValue) });
  return result.rows;
}
