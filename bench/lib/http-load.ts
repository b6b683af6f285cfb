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
