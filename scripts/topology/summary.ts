// The run's summary: instances, where the handshake hops landed, every request per instance
// (haproxy's log: Chromium's included), the kills and recoveries with their windows, and the 5xx
// answered outside those windows — which must be none.
import type { LoggedRequest } from "./haproxy-log";
import type { CheckResult } from "./http-checks";
import type { Window } from "./outages";
import type { Topology } from "./topology";
import type { Traffic } from "./traffic";

/** Whether a request's lifetime (accepted at `at`, answered `totalMs` later) overlaps a window: a request in flight when the fault hit is part of the outage. */
const overlaps = (at: number, totalMs: number, w: Window) => at <= w.to && at + totalMs >= w.from;
const inAny = (at: number, windows: Window[], totalMs = 0) => windows.some((w) => overlaps(at, totalMs, w));

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

const show = (counts: Record<string, number>) => Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ${n}`).join(", ");

export function printSummary(run: {
  topology: Topology;
  traffic: Traffic;
  log: { requests: LoggedRequest[] };
  windows: Window[];
  events: string[];
  results: CheckResult[];
  handshakes: { handshakes: (string | null)[][] }[];
  seconds: number;
  say: (line: string) => void;
}): number {
  const { say } = run;
  const hops = run.handshakes.flatMap((h) => h.handshakes.flat());
  const lb5xx = run.log.requests.filter((r) => r.status >= 500);
  const lb5xxOutside = lb5xx.filter((r) => !inAny(r.at, run.windows, r.totalMs));
  const client5xxOutside = run.traffic.answers.filter((a) => a.status >= 500 && !inAny(a.at, run.windows));
  const failed = run.results.filter((r) => !r.ok);
  say("\n=== topology summary ===");
  say(`load balancer: haproxy, https on port ${run.topology.lbPort}, round robin, health checks every 1 s (fall 2, rise 2)`);
  say(`instances: ${run.topology.instances.map((i) => `${i.id} (:${i.port})`).join(", ")}; DATABASE_URL through pgbouncer :${run.topology.pgbouncer.settings.port} (transaction pooling), DATABASE_PREPARED_STATEMENTS=false, TRUSTED_PROXIES=${run.topology.lbSourceAddress}`);
  say(`handshake hops per instance (${run.handshakes.reduce((n, h) => n + h.handshakes.length, 0)} handshakes, ${hops.length} hops): ${show(countBy(hops, (h) => h ?? "none"))}`);
  say(`requests per instance (haproxy log, browsers included: ${run.log.requests.length}): ${show(countBy(run.log.requests, (r) => r.server))}`);
  say("kills and recoveries:");
  for (const event of run.events) say(`  - ${event}`);
  for (const w of run.windows) {
    const inside = lb5xx.filter((r) => overlaps(r.at, r.totalMs, w));
    const what = show(countBy(inside, (r) => `${r.status} from ${r.server}`));
    say(`  window: ${w.what}, ${new Date(w.from).toISOString().slice(11, 23)}–${new Date(w.to).toISOString().slice(11, 23)} (${((w.to - w.from) / 1000).toFixed(1)} s); 5xx in it: ${inside.length}${inside.length ? ` (${what})` : ""}`);
  }
  const cut = run.log.requests.filter((r) => r.server !== "<NOSRV>" && /^S[HD]/.test(r.termination));
  say(`answers cut off by an instance dying mid-answer (haproxy termination state S…): ${cut.length}${cut.length ? ` (${cut.slice(0, 5).map((r) => `${r.server} ${r.termination} ${r.request}`).join("; ")})` : ""}`);
  say(`5xx inside the outage windows: ${lb5xx.length - lb5xxOutside.length} (haproxy log)`);
  say(`5xx outside the outage windows: ${lb5xxOutside.length} (haproxy log), ${client5xxOutside.length} (the run's own clients)`);
  for (const r of lb5xxOutside.slice(0, 10)) say(`  accepted ${new Date(r.at).toISOString()}, answered after ${r.totalMs} ms: ${r.server} ${r.status} ${r.request}`);
  say(`checks: ${run.results.length - failed.length} passed, ${failed.length} failed${failed.length ? ` (${failed.map((f) => f.name).join("; ")})` : ""}`);
  say(`took ${run.seconds.toFixed(0)} s`);
  return failed.length === 0 && lb5xxOutside.length === 0 && client5xxOutside.length === 0 ? 0 : 1;
}
