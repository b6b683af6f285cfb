// The embedded Postgres of `npm run demo`: reachable over TCP by a real connection pool,
// and able to run our migrations (so the demo database has the same schema as production).
import { createServer, type Server } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/tooling/db/migrate";
import { EmbeddedPortInUseError, startEmbeddedPostgres, type EmbeddedPostgres } from "@/tooling/db/embedded";
import { preparedStatement, queryPrepared } from "@/lib/db/prepared";
import { parseEnvForTest } from "@/lib/env";

describe("startEmbeddedPostgres", () => {
  let embedded: EmbeddedPostgres;
  let pool: pg.Pool;

  beforeAll(async () => {
    embedded = await startEmbeddedPostgres({ dataDir: "memory://", port: 0 });
    pool = new pg.Pool({ connectionString: embedded.url, max: 5 });
  });

  afterAll(async () => {
    await pool?.end();
    await embedded?.stop();
  });

  it("gives a postgres:// URL on the port it picked", () => {
    expect(embedded.port).toBeGreaterThan(0);
    expect(embedded.url).toBe(`postgres://postgres@127.0.0.1:${embedded.port}/postgres`);
  });

  it("serves concurrent queries from several pooled connections", async () => {
    // With pglite-socket's default of one connection, the second client would be turned away.
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => pool.query<{ n: number }>("select $1::int * 2 as n, pg_sleep(0.01)", [i])),
    );
    expect(results.map((r) => r.rows[0]?.n)).toEqual(Array.from({ length: 10 }, (_, i) => i * 2));
    expect(pool.totalCount).toBeGreaterThan(1);
  });

  describe("hot-path statements (lib/db/prepared.ts) with the settings the embedded database asks its clients for", () => {
    const named = () => parseEnvForTest(embedded.clientEnv).DATABASE_PREPARED_STATEMENTS;

    it("answer concurrent requests over several pooled connections, round after round", async () => {
      // The demo's failure: six concurrent page loads → 302 500 500 500 500 500 ("already exists").
      const statement = preparedStatement("embedded_concurrent", "SELECT $1::int * 3 AS n, pg_sleep(0.005)");
      const many = new pg.Pool({ connectionString: embedded.url, max: 6 });
      try {
        for (let round = 0; round < 5; round++) {
          const rows = await Promise.all(Array.from({ length: 6 }, (_, i) => queryPrepared<{ n: number }>(statement, [round * 10 + i], many, { named: named() })));
          expect(rows.map((r) => r[0]?.n)).toEqual(Array.from({ length: 6 }, (_, i) => (round * 10 + i) * 3));
        }
        expect(many.totalCount).toBeGreaterThan(1);
      } finally {
        await many.end();
      }
    });

    it("still answer on a connection opened after the one that first ran them has closed", async () => {
      // The demo's later failure: the pool closes idle connections, the backend keeps their statements.
      const statement = preparedStatement("embedded_reconnect", "SELECT $1::int + 1 AS n");
      const first = await pool.connect();
      expect(await queryPrepared<{ n: number }>(statement, [1], first, { named: named() })).toEqual([{ n: 2 }]);
      first.release(true);
      const second = await pool.connect();
      try {
        expect(await queryPrepared<{ n: number }>(statement, [2], second, { named: named() })).toEqual([{ n: 3 }]);
      } finally {
        second.release();
      }
    });

    it("must be unnamed: the one backend shares named statements between connections (why clientEnv turns them off)", async () => {
      // If pglite-socket ever gives each connection its own statements, this fails: then the
      // DATABASE_PREPARED_STATEMENTS=false of EMBEDDED_CLIENT_ENV can go.
      expect(named()).toBe(false);
      const statement = preparedStatement("embedded_shared", "SELECT 1 AS n");
      const [a, b] = [await pool.connect(), await pool.connect()];
      try {
        await queryPrepared(statement, [], a, { named: true });
        await expect(queryPrepared(statement, [], b, { named: true })).rejects.toThrow(/already exists/);
      } finally {
        a.release(true);
        b.release(true);
      }
    });
  });

  it("runs our migrations, and a second run applies nothing", async () => {
    const first = await applyMigrations({ connectionString: embedded.url });
    expect(first.applied.length).toBeGreaterThan(0);
    const tables = await pool.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public'",
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(["organizations", "sites"]));

    const second = await applyMigrations({ connectionString: embedded.url });
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(first.applied);
  });

  it("says clearly when the port is taken", async () => {
    const blocker: Server = createServer();
    await new Promise<void>((done) => blocker.listen(0, "127.0.0.1", done));
    const address = blocker.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      await expect(startEmbeddedPostgres({ dataDir: "memory://", port })).rejects.toBeInstanceOf(EmbeddedPortInUseError);
    } finally {
      await new Promise((done) => blocker.close(done));
    }
  });
});
