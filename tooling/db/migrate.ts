// Applies the hand-written SQL migrations in prisma/migrations (Prisma Migrate's folder layout)
// and records them in `_prisma_migrations` exactly as `prisma migrate deploy` would, because the
// Prisma CLI cannot fetch its schema engine here. Works on Postgres and on PGlite (pglite-socket).
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

/**
 * Prisma Migrate's own advisory-lock key (72707369, "the number that identifies Migrate"):
 * taking the same key serialises our runner with concurrent copies of itself AND with a
 * `prisma migrate deploy` run from a machine where the CLI works.
 */
const MIGRATE_ADVISORY_LOCK_KEY = 72707369;

/** Prisma's DDL for its history table, verbatim, so the Prisma CLI can read what we record. */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

export type ApplyMigrationsOptions = {
  connectionString: string;
  /** Default: prisma/migrations of this repository. */
  migrationsDir?: string;
  log?: (line: string) => void;
};

export type ApplyMigrationsResult = { applied: string[]; alreadyApplied: string[] };

type LocalMigration = { name: string; sql: string; checksum: string };

type MigrationRecord = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  started_at: Date;
};

export async function applyMigrations(options: ApplyMigrationsOptions): Promise<ApplyMigrationsResult> {
  const log = options.log ?? (() => {});
  // Read before connecting: a broken migrations folder should fail without touching the database.
  const migrations = await readLocalMigrations(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);

  const client = new pg.Client({ connectionString: options.connectionString });
  await client.connect();
  let failed = false;
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATE_ADVISORY_LOCK_KEY]);
    try {
      return await applyPending(client, migrations, log);
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      // Unlock explicitly rather than relying on the disconnect: on PGlite every socket shares
      // one backend session, so a lock left behind would outlive this connection. An unlock
      // failure must not hide the error that caused it.
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATE_ADVISORY_LOCK_KEY]).catch((error: unknown) => {
        if (!failed) throw error;
      });
    }
  } finally {
    await client.end();
  }
}

async function applyPending(
  client: pg.Client,
  migrations: LocalMigration[],
  log: (line: string) => void,
): Promise<ApplyMigrationsResult> {
  await client.query(CREATE_MIGRATIONS_TABLE);
  const records = (
    await client.query<MigrationRecord>(
      "SELECT migration_name, checksum, finished_at, rolled_back_at, started_at FROM _prisma_migrations ORDER BY started_at",
    )
  ).rows;
  assertHistoryIsSound(migrations, records, log);

  const finished = new Set(records.filter(isFinished).map((r) => r.migration_name));
  const result: ApplyMigrationsResult = { applied: [], alreadyApplied: [] };
  for (const migration of migrations) {
    if (finished.has(migration.name)) {
      result.alreadyApplied.push(migration.name);
      continue;
    }
    const outcome = await applyOne(client, migration);
    result[outcome === "applied" ? "applied" : "alreadyApplied"].push(migration.name);
    log(outcome === "applied" ? `applied ${migration.name}` : `${migration.name} was applied concurrently`);
  }
  return result;
}

/** Like `prisma migrate deploy`: never build on a failed attempt or on a migration edited after it ran. */
function assertHistoryIsSound(migrations: LocalMigration[], records: MigrationRecord[], log: (line: string) => void): void {
  const failed = records.find((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed) {
    throw new Error(
      `Migration ${failed.migration_name} has a failed attempt recorded in _prisma_migrations (started ${failed.started_at.toISOString()}, never finished). ` +
        "Repair the database by hand, then set rolled_back_at on that row (what `prisma migrate resolve --rolled-back` does) before migrating again.",
    );
  }
  const local = new Map(migrations.map((m) => [m.name, m]));
  for (const record of records.filter(isFinished)) {
    const migration = local.get(record.migration_name);
    if (!migration) {
      log(`warning: ${record.migration_name} is applied to the database but missing from the migrations folder`);
    } else if (migration.checksum !== record.checksum) {
      throw new Error(
        `Migration ${record.migration_name} was modified after it was applied (checksum ${record.checksum} in the database, ${migration.checksum} on disk). ` +
          "Restore the applied file and put the change in a new migration.",
      );
    }
  }
}

async function applyOne(client: pg.Client, migration: LocalMigration): Promise<"applied" | "concurrent"> {
  await client.query("BEGIN");
  try {
    // Checked again inside the transaction: on PGlite the advisory lock excludes nothing (all
    // sockets share one session), but its transactions do run one at a time.
    const done = await client.query(
      "SELECT 1 FROM _prisma_migrations WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL",
      [migration.name],
    );
    if ((done.rowCount ?? 0) > 0) {
      await client.query("ROLLBACK");
      return "concurrent";
    }
    // No parameters, so node-postgres uses the simple protocol, which runs many statements at once.
    if (migration.sql.trim() !== "") await client.query(migration.sql);
    await client.query(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), now(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await client.query("COMMIT");
    return "applied";
  } catch (error) {
    // Unlike Prisma (which records a failed row), the whole migration rolled back, so a retry
    // after fixing it is safe and there is nothing to resolve by hand.
    await client.query("ROLLBACK").catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${migration.name} failed and was rolled back: ${reason}`, { cause: error });
  }
}

function isFinished(record: MigrationRecord): boolean {
  return record.finished_at !== null && record.rolled_back_at === null;
}

/** Each sub-folder is one migration; folders sort by name, which starts with a timestamp. */
async function readLocalMigrations(dir: string): Promise<LocalMigration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const file = join(dir, name, "migration.sql");
      const bytes = await readFile(file).catch((error: unknown) => {
        throw new Error(`Migration folder ${name} has no readable migration.sql (${file})`, { cause: error });
      });
      // Prisma's checksum: SHA-256 of the file's bytes, lower-case hex.
      return { name, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
    }),
  );
}
