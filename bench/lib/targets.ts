// Issue 20's targets, each a figure or ratio taken from ONE run's medians (bench/run.ts), so
// the machine's mood that day cancels out of every comparison. Listed with the target beside
// the value in docs/performance.md.
import type { LoadResult } from "./http-load";

export const WORKLOAD_KEYS = ["bare", "direct", "constant", "status", "next-auth", "article-signed-in", "article-signed-out", "handshake", "first-visit", "oidc"] as const;
export type WorkloadKey = (typeof WORKLOAD_KEYS)[number];

const round2 = (value: number) => Math.round(value * 100) / 100;
const ratio = (a: number, b: number) => round2(a / b);

export type Target = {
  value: number;
  target: string;
  met: boolean | null;
  /** The same figure round by round (each round's own workloads): its spread, and in how many rounds it met the target. */
  rounds?: { min: number; max: number; met: number; of: number };
};

/**
 * Each target from the medians, with its spread over the rounds: medians taken workload by
 * workload can pair one round's good figure with another's bad one, so a ratio of medians alone
 * can look met when no single round met it.
 */
export function targetsOf(
  median: Record<WorkloadKey, LoadResult>,
  rounds: Record<WorkloadKey, LoadResult[]>,
  scale: { smallest: LoadResult; largest: LoadResult } | null,
): Record<string, Target> {
  const overall = ratiosOf(median, scale);
  const count = Math.min(...WORKLOAD_KEYS.map((key) => rounds[key].length));
  const perRound = Array.from({ length: count }, (_, i) => ratiosOf(Object.fromEntries(WORKLOAD_KEYS.map((key) => [key, rounds[key][i] as LoadResult])) as Record<WorkloadKey, LoadResult>, null));
  return Object.fromEntries(
    Object.entries(overall).map(([name, target]) => {
      const values = perRound.map((round) => round[name]).filter((t): t is Target => t !== undefined);
      if (values.length === 0) return [name, target];
      return [name, { ...target, rounds: { min: Math.min(...values.map((v) => v.value)), max: Math.max(...values.map((v) => v.value)), met: values.filter((v) => v.met === true).length, of: values.length } }];
    }),
  );
}

export function ratiosOf(m: Record<WorkloadKey, LoadResult>, scale: { smallest: LoadResult; largest: LoadResult } | null): Record<string, Target> {
  const atMost = (value: number, bound: number): Target => ({ value, target: `≤ ${bound}`, met: value <= bound });
  const atLeast = (value: number, bound: number): Target => ({ value, target: `≥ ${bound}`, met: value >= bound });
  const figure = (value: number): Target => ({ value, target: "measured", met: null });
  const rss = Math.max(...Object.values(m).filter((r) => !r.name.startsWith("oidc-provider")).map((r) => r.maxRssMb));
  return {
    "proxy.ts's own cost: app CPU ms/request, constant route through proxy() in-process (the direct lane) − bare route": atMost(round2(m.direct.appCpuMsPerRequest - m.bare.appCpuMsPerRequest), 0.25),
    "Next's middleware machinery: app CPU ms/request, constant route through proxy.ts as middleware − the same through the direct lane": figure(round2(m.constant.appCpuMsPerRequest - m.direct.appCpuMsPerRequest)),
    "status / constant route through the direct lane, as status is (throughput)": atLeast(ratio(m.status.requestsPerSecond, m.direct.requestsPerSecond), 0.8),
    "status / constant route through proxy.ts as middleware (throughput)": figure(ratio(m.status.requestsPerSecond, m.constant.requestsPerSecond)),
    "status / bare route (throughput)": atLeast(ratio(m.status.requestsPerSecond, m.bare.requestsPerSecond), 0.5),
    "app CPU ms per SSO sign-in on a new site (handshake, 3 requests)": atMost(m.handshake.appCpuMsPerRequest, 5),
    "handshakes / oidc-provider code flows (throughput)": atLeast(ratio(m.handshake.requestsPerSecond, m.oidc.requestsPerSecond), 0.7),
    "handshake app CPU / 3 × bare route app CPU (what three Next requests cost at least)": figure(ratio(m.handshake.appCpuMsPerRequest, 3 * m.bare.appCpuMsPerRequest)),
    "article page signed in / signed out (throughput)": figure(ratio(m["article-signed-in"].requestsPerSecond, m["article-signed-out"].requestsPerSecond)),
    "status / next-auth session (throughput)": atLeast(ratio(m.status.requestsPerSecond, m["next-auth"].requestsPerSecond), 1),
    ...(scale ? { "status p50 at the largest / smallest scale": atMost(ratio(Math.max(scale.largest.p50Ms, 0.5), Math.max(scale.smallest.p50Ms, 0.5)), 1.2) } : {}),
    "the app's max RSS under load, MB": atMost(rss, 300),
  };
}
