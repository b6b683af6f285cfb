// One autocannon run against a virtual host (Node cannot resolve *.localhost: connect to
// 127.0.0.1 and send the Host header), with the server's RSS sampled while it runs.
import autocannon from "autocannon";
import { residentMegabytes } from "./server";

export type LoadResult = {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  requests: number;
  maxRssMb: number;
};

export async function runHttpLoad(options: {
  name: string;
  port: number;
  host: string;
  path: string;
  headers?: Record<string, string>;
  connections: number;
  durationSeconds: number;
  serverPid: number;
}): Promise<LoadResult> {
  let maxRss = residentMegabytes(options.serverPid);
  const sampler = setInterval(() => (maxRss = Math.max(maxRss, residentMegabytes(options.serverPid))), 500);
  const result = await autocannon({
    url: `http://127.0.0.1:${options.port}${options.path}`,
    headers: { host: `${options.host}:${options.port}`, ...options.headers },
    connections: options.connections,
    duration: options.durationSeconds,
  });
  clearInterval(sampler);
  return {
    name: options.name,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    requests: result.requests.total,
    maxRssMb: maxRss,
  };
}
