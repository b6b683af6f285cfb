// GET /api/ready: may this instance take traffic? Only if the database answers (within a
// short deadline) and every migration this build ships has been applied there. GET
// /api/health (liveness) is the other probe and never touches the database: a database outage
// must take instances out of the load balancer, not get them restarted.
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { preparedStatement, queryPrepared } from "@/lib/db/prepared";

export const healthBodySchema = z.object({ status: z.literal("ok") }).meta({ description: "The process is up and serving HTTP." });

export const readinessBodySchema = z.object({
  status: z.enum(["ready", "not_ready"]),
  checks: z.object({
    database: z.enum(["ok", "unreachable"]),
    migrations: z.enum(["ok", "pending", "unknown"]).meta({ description: "pending: the build ships migrations the database lacks; unknown: the database did not answer." }),
  }),
});
export type ReadinessBody = z.infer<typeof readinessBodySchema>;

/** A probe must answer before the load balancer's own timeout (typically 1–5 s). */
export const READINESS_DB_TIMEOUT_MS = 2_000;

let shippedMigrations: Promise<string[]> | null = null;

/** The migration folders of this build (prisma/migrations, next to the app: `next start` runs from the project root). */
export function listShippedMigrations(dir = join(process.cwd(), "prisma", "migrations")): Promise<string[]> {
  shippedMigrations ??= readdir(dir, { withFileTypes: true }).then((entries) =>
    entries.filter((entry) => entry.isDirectory() && /^\d{14}_/.test(entry.name)).map((entry) => entry.name).sort(),
  );
  return shippedMigrations;
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

// Asked the way every site request asks the database (lib/db/prepared.ts, on the shared pool),
// so a statement mechanism that fails for the pages fails the probe too: the embedded database
// once answered "ready" here while every page failed on its prepared statements. The first
// question goes over two connections at once, as concurrent page loads do: one connection
// alone (the pool hands the probe its most recently used one) hid exactly that failure.
const HISTORY_TABLE = preparedStatement("ready_history_table", "SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present");
const APPLIED_MIGRATIONS = preparedStatement(
  "ready_applied_migrations",
  "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
);

/** Applied = finished and not rolled back, as `prisma migrate deploy` and tooling/db/migrate.ts record them. */
async function listAppliedMigrations(): Promise<string[]> {
  // A database no migration ever ran on has no history table: everything is pending.
  const [[table]] = await Promise.all([queryPrepared<{ present: boolean }>(HISTORY_TABLE, []), queryPrepared(HISTORY_TABLE, [])]);
  if (!table?.present) return [];
  const rows = await queryPrepared<{ migration_name: string }>(APPLIED_MIGRATIONS, []);
  return rows.map((row) => row.migration_name);
}

export async function checkReadiness(options: {
  listApplied?: () => Promise<string[]>;
  shipped?: () => Promise<string[]>;
  timeoutMs?: number;
} = {}): Promise<ReadinessBody> {
  const shipped = await (options.shipped ?? listShippedMigrations)();
  let applied: string[];
  try {
    applied = await withDeadline((options.listApplied ?? listAppliedMigrations)(), options.timeoutMs ?? READINESS_DB_TIMEOUT_MS);
  } catch {
    return { status: "not_ready", checks: { database: "unreachable", migrations: "unknown" } };
  }
  const appliedSet = new Set(applied);
  const pending = shipped.some((name) => !appliedSet.has(name));
  return { status: pending ? "not_ready" : "ready", checks: { database: "ok", migrations: pending ? "pending" : "ok" } };
}
