// Next.js calls register() once per server instance at start-up (app/guides/instrumentation).
// Here it starts the periodic purge of expired rows (lib/sso/purge-job.ts) and the mail
// outbox's worker (lib/mail) and the webhook outbox's (lib/webhooks).
export async function register(): Promise<void> {
  // NOTE: the one read of process.env outside lib/env.ts, on purpose: NEXT_RUNTIME is set by
  // Next.js itself (not configuration), and this check plus a dynamic import is the documented
  // way to keep Node-only code (Prisma, pg) out of the Edge bundle of this file.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { env } = await import("./lib/env");
    // A production server must run behind server.mjs (`npm start`), which appends the socket's
    // peer to X-Forwarded-For: under a bare `next start` the last entry could be the client's
    // own words, and every per-IP limit would be the client's choice (lib/http/client-ip.ts).
    // NEXT_PHASE is Next's own (set during `next build`, which loads this file too).
    if (env.NODE_ENV === "production" && !env.MSS_SERVER_ENTRY && process.env.NEXT_PHASE !== "phase-production-build") {
      throw new Error("Start the server with `npm start` (node server.mjs), not `next start`: see server.mjs");
    }
    // Test runs share one database and seed expired rows on purpose; no background deletes there.
    if (env.NODE_ENV === "test") return;
    const { startPurgeJob } = await import("./lib/sso/purge-job");
    startPurgeJob({ intervalMs: env.PURGE_INTERVAL_SECONDS * 1000 });
    const { startMailDelivery } = await import("./lib/mail/start-mail-delivery");
    startMailDelivery();
    const { startWebhookDelivery } = await import("./lib/webhooks/delivery-worker");
    startWebhookDelivery({ pollMs: env.MAIL_POLL_MS });
  }
}
