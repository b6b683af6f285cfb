// For a test file whose rows a running server must not touch: a fresh, migrated database of its
// own, which this process's one database client then uses. Why: `npm test` runs the HTTP tests'
// server during the vitest step, and its background workers (the mail and webhook outboxes)
// poll the run's database and claim every due row, a test's own included. Call it at the top of
// the file, before anything reaches the database (the client connects on first use). Without a
// local Postgres server (the embedded fallback, never CI) the file stays on the run's database.
import { env } from "@/lib/env";
import { closePool } from "@/lib/db/pool";
import { applyMigrations } from "@/tooling/db/migrate";
import { createFreshDatabase, findLocalPostgres } from "@/tooling/db/test-database";

export async function useOwnDatabase(prefix: string): Promise<{ drop: () => Promise<void> }> {
  const serverUrl = await findLocalPostgres();
  if (!serverUrl) return { drop: async () => {} };
  const fresh = await createFreshDatabase({ serverUrl, prefix });
  await applyMigrations({ connectionString: fresh.url });
  env.DATABASE_URL = fresh.url;
  return {
    drop: async () => {
      await closePool();
      await fresh.drop();
    },
  };
}
