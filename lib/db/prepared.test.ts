// Integration: hot-path statements are named prepared statements on the same pool Prisma uses.
import { describe, expect, it } from "vitest";
import { db } from "./client";
import { getPool } from "./pool";
import { preparedStatement, queryPrepared } from "./prepared";

describe("queryPrepared", () => {
  it("prepares a statement once per connection under a name derived from its text", async () => {
    const statement = preparedStatement("test_echo", "SELECT $1::int + 1 AS answer");
    const client = await getPool().connect();
    try {
      expect(await queryPrepared<{ answer: number }>(statement, [41], client, { named: true })).toEqual([{ answer: 42 }]);
      expect(await queryPrepared<{ answer: number }>(statement, [1], client, { named: true })).toEqual([{ answer: 2 }]);
      const prepared = await client.query<{ name: string }>("SELECT name FROM pg_prepared_statements WHERE name = $1", [statement.name]);
      expect(prepared.rows).toHaveLength(1);
    } finally {
      client.release();
    }
  });

  it("with DATABASE_PREPARED_STATEMENTS=false sends the statement unnamed: nothing stays prepared on the connection", async () => {
    const statement = preparedStatement("test_unnamed", "SELECT $1::int + 2 AS answer");
    const client = await getPool().connect();
    try {
      expect(await queryPrepared<{ answer: number }>(statement, [40], client, { named: false })).toEqual([{ answer: 42 }]);
      const prepared = await client.query<{ name: string }>("SELECT name FROM pg_prepared_statements WHERE name = $1", [statement.name]);
      expect(prepared.rows).toEqual([]);
    } finally {
      client.release();
    }
  });

  it("a changed text gets another name, so a connection never runs a stale statement", () => {
    expect(preparedStatement("same", "SELECT 1").name).not.toBe(preparedStatement("same", "SELECT 2").name);
    expect(preparedStatement("same", "SELECT 1").name).toBe(preparedStatement("same", "SELECT 1").name);
  });

  it("sends bytes as bytea (a bare Uint8Array, as hashSecret returns, would otherwise go as JSON)", async () => {
    const rows = await queryPrepared<{ same: boolean }>(preparedStatement("test_bytes", "SELECT $1::bytea = '\\x01ff'::bytea AS same"), [new Uint8Array([1, 255])]);
    expect(rows).toEqual([{ same: true }]);
  });
});

describe("the pool", () => {
  it("is the one Prisma runs on: a Prisma query checks a connection out of it", async () => {
    let acquired = 0;
    const onAcquire = () => (acquired += 1);
    getPool().on("acquire", onAcquire);
    try {
      await db.$queryRaw`SELECT 1`;
    } finally {
      getPool().off("acquire", onAcquire);
    }
    expect(acquired).toBeGreaterThanOrEqual(1);
  });
});
