// The full handshake as browsers do it: site → auth domain → callback (three requests, three
// writes), each client a fresh browser with its own cookies, many clients in parallel.
import { TestBrowser } from "../../test/http/browser";
import { measured, type Target } from "./measure";
import type { LoadResult } from "./http-load";

async function oneHandshake(port: number, host: string, latencies: number[]): Promise<boolean> {
  const browser = new TestBrowser();
  const started = performance.now();
  let url = `http://${host}:${port}/`;
  for (let hop = 0; hop < 3; hop++) {
    const response = await browser.request(url, { navigation: true });
    if (response.status !== 302 || typeof response.headers.location !== "string") return false;
    // Every hop to the server under measurement: the callback registered for the site names the
    // bench's first port, and the pooler comparison runs servers on the ports next to it.
    const next = new URL(response.headers.location, url);
    next.port = String(port);
    url = next.toString();
  }
  latencies.push(performance.now() - started);
  return browser.cookie(host, "__Host-mss_session") !== null;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);
}

export async function runHandshakeLoad(options: Target & { port: number; host: string; clients: number; durationSeconds: number }): Promise<LoadResult> {
  return measured(options, async () => {
    const deadline = performance.now() + options.durationSeconds * 1000;
    const latencies: number[] = [];
    let completed = 0;
    let failed = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: options.clients }, async () => {
        while (performance.now() < deadline) {
          try {
            if (await oneHandshake(options.port, options.host, latencies)) completed++;
            else failed++;
          } catch {
            failed++;
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      name: "full handshake (3 requests)",
      requestsPerSecond: Math.round(completed / seconds),
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      errors: failed,
      non2xx: 0,
      requests: completed,
    };
  }, (result) => result.requests);
}
