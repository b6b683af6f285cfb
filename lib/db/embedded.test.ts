// The embedded Postgres of `npm run demo`: reachable over TCP by a real connection pool,
// and able to run our migrations (so the demo database has the same schema as production).
import { createServer, type Server } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrate";
import { EmbeddedPortInUseError, startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/db/embedded";

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
