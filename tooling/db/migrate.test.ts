// Integration: the migration runner against real, freshly created databases.
import { createHash } from "node:crypto";
import { appendFile, cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testEnv } from "@/test/test-env";
import { applyMigrations, DEFAULT_MIGRATIONS_DIR } from "@/tooling/db/migrate";
import { createFreshDatabase, findLocalPostgres, type FreshDatabase } from "@/tooling/db/test-database";

const serverUrl = await findLocalPostgres();
// Only a developer machine without Postgres may skip; in CI a missing server is a failure.
const skip = serverUrl === null && !testEnv.CI;

type Row = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null; applied_steps_count: number };

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe.skipIf(skip)("applyMigrations (needs a local Postgres: TEST_DATABASE_URL or 127.0.0.1:5432)", () => {
  const databases: FreshDatabase[] = [];
  const tempDirs: string[] = [];
  let migrationNames: string[];

  async function freshDatabase(): Promise<FreshDatabase> {
    if (serverUrl === null) throw new Error("CI must provide a local Postgres (127.0.0.1:5432 or TEST_DATABASE_URL); none answered");
    const database = await createFreshDatabase({ serverUrl, prefix: "mss_migrate" });
    databases.push(database);
    return database;
  }

  /** A throw-away copy of prisma/migrations that a test may edit. */
  async function copyOfMigrations(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), "mss-migrations-"));
    tempDirs.push(dir);
    await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
    return dir;
  }

  beforeAll(async () => {
    const entries = await readdir(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true });
    migrationNames = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  });

  afterAll(async () => {
    await Promise.all(databases.map((d) => d.drop()));
    await Promise.all(tempDirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  describe("on one database", () => {
    let database: FreshDatabase;

    beforeAll(async () => {
      database = await freshDatabase();
    });

    it("applies every migration and records it like Prisma (sha256 checksum, finished_at set)", async () => {
      const result = await applyMigrations({ connectionString: database.url });
      expect(result).toEqual({ applied: migrationNames, alreadyApplied: [] });

      const rows = await query<Row>(
        database.url,
        "SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name",
      );
      const firstName = migrationNames[0] ?? "";
      const bytes = await readFile(join(DEFAULT_MIGRATIONS_DIR, firstName, "migration.sql"));
      expect(rows[0]).toMatchObject({
        migration_name: firstName,
        checksum: createHash("sha256").update(bytes).digest("hex"),
        rolled_back_at: null,
        applied_steps_count: 1,
      });
      expect(rows[0]?.finished_at).toBeInstanceOf(Date);
      expect(rows).toHaveLength(migrationNames.length);
    });

    it("migrations are idempotent", async () => {
      const result = await applyMigrations({ connectionString: database.url });
      expect(result).toEqual({ applied: [], alreadyApplied: migrationNames });
      const rows = await query<{ n: number }>(database.url, "SELECT count(*)::int AS n FROM _prisma_migrations");
      expect(rows[0]?.n).toBe(migrationNames.length);
    });

    it("a changed applied migration is refused", async () => {
      const dir = await copyOfMigrations();
      const firstName = migrationNames[0] ?? "";
      await appendFile(join(dir, firstName, "migration.sql"), "\n-- an edit after the fact\n");
      await expect(applyMigrations({ connectionString: database.url, migrationsDir: dir })).rejects.toThrow(
        new RegExp(`${firstName} was modified after it was applied`),
      );
    });

    it("a failing migration rolls back entirely", async () => {
      const dir = await copyOfMigrations();
      const badName = "29991231000000_bad";
      await mkdir(join(dir, badName));
      await writeFile(
        join(dir, badName, "migration.sql"),
        `CREATE TABLE "half_done" ("id" INTEGER);\nINSERT INTO "no_such_table" VALUES (1);\n`,
      );

      await expect(applyMigrations({ connectionString: database.url, migrationsDir: dir })).rejects.toThrow(
        new RegExp(`${badName} failed and was rolled back`),
      );

      const tables = await query<{ t: string | null }>(database.url, `SELECT to_regclass('public.half_done')::text AS t`);
      expect(tables[0]?.t).toBeNull();
      const rows = await query<Row>(database.url, "SELECT * FROM _prisma_migrations WHERE migration_name = $1", [badName]);
      expect(rows).toEqual([]);
      // Nothing half-done is left to resolve: the good migrations are still all that is recorded.
      expect(await applyMigrations({ connectionString: database.url })).toEqual({ applied: [], alreadyApplied: migrationNames });
    });

    it("a failed attempt recorded by Prisma is refused", async () => {
      const dir = await copyOfMigrations();
      const name = "29991231000001_failed_elsewhere";
      await mkdir(join(dir, name));
      await writeFile(join(dir, name, "migration.sql"), "SELECT 1;\n");
      // What `prisma migrate deploy` leaves when a migration fails: a row that never finished.
      await query(
        database.url,
        "INSERT INTO _prisma_migrations (id, checksum, migration_name, applied_steps_count) VALUES (gen_random_uuid()::text, 'x', $1, 0)",
        [name],
      );
      try {
        await expect(applyMigrations({ connectionString: database.url, migrationsDir: dir })).rejects.toThrow(
          new RegExp(`${name} has a failed attempt recorded`),
        );
      } finally {
        await query(database.url, "DELETE FROM _prisma_migrations WHERE migration_name = $1", [name]);
      }
    });
  });

  it("concurrent runs are serialised by the advisory lock", async () => {
    const database = await freshDatabase();
    const results = await Promise.all([
      applyMigrations({ connectionString: database.url }),
      applyMigrations({ connectionString: database.url }),
      applyMigrations({ connectionString: database.url }),
    ]);

    const appliedEverywhere = results.flatMap((r) => r.applied).sort();
    expect(appliedEverywhere).toEqual(migrationNames);
    for (const result of results) expect([...result.applied, ...result.alreadyApplied].sort()).toEqual(migrationNames);
    const rows = await query<{ migration_name: string; n: number }>(
      database.url,
      "SELECT migration_name, count(*)::int AS n FROM _prisma_migrations GROUP BY migration_name ORDER BY migration_name",
    );
    expect(rows).toEqual(migrationNames.map((name) => ({ migration_name: name, n: 1 })));
  });

  it("waits while another session holds Prisma Migrate's advisory lock", async () => {
    const database = await freshDatabase();
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query("SELECT pg_advisory_lock(72707369)");
      let settled = false;
      const run = applyMigrations({ connectionString: database.url }).finally(() => {
        settled = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(settled).toBe(false);
      expect(await query(database.url, "SELECT to_regclass('public._prisma_migrations')::text AS t")).toEqual([{ t: null }]);

      await holder.query("SELECT pg_advisory_unlock(72707369)");
      expect((await run).applied).toEqual(migrationNames);
    } finally {
      await holder.end();
    }
  });
});
