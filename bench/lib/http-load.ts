// One autocannon run against a virtual host (Node cannot resolve *.localhost: connect to
// 127.0.0.1 and send the Host header), with the server's RSS and CPU time measured around it.
import autocannon from "autocannon";
import { measured, type Measured, type Target } from "./measure";

export type LoadResult = Measured & {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  requests: number;
};

export async function runHttpLoad(options: Target & {
  name: string;
  port: number;
  host: string;
  path: string;
  headers?: Record<string, string>;
  connections: number;
  durationSeconds: number;
}): Promise<LoadResult> {
  return measured(options, async () => {
    const result = await autocannon({
      url: `http://127.0.0.1:${options.port}${options.path}`,
      headers: { host: `${options.host}:${options.port}`, ...options.headers },
      connections: options.connections,
      duration: options.durationSeconds,
    });
    return {
      name: options.name,
      requestsPerSecond: Math.round(result.requests.average),
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
      requests: result.requests.total,
    };
  }, (result) => result.requests);
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** Several runs of one load as one result: each figure's median, errors summed, RSS at its peak. */
export function medianOf(runs: LoadResult[]): LoadResult {
  const first = runs[0];
  if (!first) throw new Error("no runs to summarise");
  const of = (pick: (r: LoadResult) => number) => Math.round(median(runs.map(pick)) * 100) / 100;
  return {
    name: first.name,
    requestsPerSecond: Math.round(median(runs.map((r) => r.requestsPerSecond))),
    p50Ms: of((r) => r.p50Ms),
    p99Ms: of((r) => r.p99Ms),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
    requests: runs.reduce((sum, r) => sum + r.requests, 0),
    maxRssMb: Math.max(...runs.map((r) => r.maxRssMb)),
    appCpuMsPerRequest: of((r) => r.appCpuMsPerRequest),
    databaseCpuMsPerRequest: of((r) => r.databaseCpuMsPerRequest),
  };
}
