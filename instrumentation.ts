// Next.js calls register() once per server instance at start-up (app/guides/instrumentation).
// Here it starts the periodic purge of expired rows (lib/sso/purge-job.ts).
export async function register(): Promise<void> {
  // NOTE: the one read of process.env outside lib/env.ts, on purpose: NEXT_RUNTIME is set by
  // Next.js itself (not configuration), and this check plus a dynamic import is the documented
  // way to keep Node-only code (Prisma, pg) out of the Edge bundle of this file.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { env } = await import("./lib/env");
    // Test runs share one database and seed expired rows on purpose; no background deletes there.
    if (env.NODE_ENV === "test") return;
    const { startPurgeJob } = await import("./lib/sso/purge-job");
    startPurgeJob({ intervalMs: env.PURGE_INTERVAL_SECONDS * 1000 });
  }
}
