// Whole flows (several requests each: a handshake, an OIDC code flow) run by many clients in
// parallel until a deadline: completed flows per second, the latency of the completed ones, and
// how many failed. The caller wraps it in `measured` for the server's CPU per flow.
import type { LoadResult } from "./http-load";

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);
}

export type FlowResult = Omit<LoadResult, "maxRssMb" | "appCpuMsPerRequest" | "databaseCpuMsPerRequest">;

/** `flow(client)` runs one flow for client number `client` and says whether it completed. */
export async function runFlows(options: { name: string; clients: number; durationSeconds: number; flow: (client: number) => Promise<boolean> }): Promise<FlowResult> {
  const deadline = performance.now() + options.durationSeconds * 1000;
  const latencies: number[] = [];
  let completed = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.clients }, async (_, client) => {
      while (performance.now() < deadline) {
        const flowStarted = performance.now();
        try {
          if (await options.flow(client)) {
            completed++;
            latencies.push(performance.now() - flowStarted);
          } else failed++;
        } catch {
          failed++;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    name: options.name,
    requestsPerSecond: Math.round(completed / seconds),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    errors: failed,
    non2xx: 0,
    requests: completed,
  };
}
