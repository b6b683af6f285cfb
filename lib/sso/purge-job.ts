// The in-app purge (design §8): every instance runs it, which is safe because purgeExpired
// works in small batches with SKIP LOCKED, and keeps the tables small without a separate cron.
// A deployment with a scheduler can run `npm run db:purge` instead.
import { purgeExpired, type PurgeCounts } from "./purge-expired";

export type PurgeJobOptions = {
  intervalMs?: number;
  /** For tests; defaults to purgeExpired with its default bounds. */
  purge?: () => Promise<PurgeCounts>;
  /** For tests; defaults to console.log / console.error. */
  log?: (line: string) => void;
  logError?: (line: string) => void;
};

const DEFAULT_INTERVAL_MS = 5 * 60_000;

function describeCounts(counts: PurgeCounts): string {
  return Object.entries(counts)
    .map(([table, count]) => `${table}=${count}`)
    .join(" ");
}

/** Starts the periodic purge; the returned function stops it. Never keeps the process alive. */
export function startPurgeJob(options: PurgeJobOptions = {}): () => void {
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  const purge = options.purge ?? (() => purgeExpired());
  const log = options.log ?? ((line: string) => console.log(line));
  const logError = options.logError ?? ((line: string) => console.error(line));
  let running = false;
  let stopped = false;
  let interval: ReturnType<typeof setInterval> | undefined;

  async function runOnce(): Promise<void> {
    // A slow run (a large backlog, a slow database) must not be joined by the next tick.
    if (running || stopped) return;
    running = true;
    try {
      const counts = await purge();
      if (Object.values(counts).some((count) => count > 0)) log(`[purge] deleted ${describeCounts(counts)}`);
    } catch (error) {
      // A failed purge is retried next interval; it must never take the server down.
      logError(`[purge] failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
    }
  }

  // A random first delay, so instances started together (a deploy) do not purge in lockstep.
  const firstDelayMs = Math.floor(Math.random() * intervalMs);
  const firstRun = setTimeout(() => {
    void runOnce();
    interval = setInterval(() => void runOnce(), intervalMs);
    interval.unref();
  }, firstDelayMs);
  firstRun.unref();

  return () => {
    stopped = true;
    clearTimeout(firstRun);
    if (interval) clearInterval(interval);
  };
}
