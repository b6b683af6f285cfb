// The pooler modes side by side, measured in one run with interleaved rounds (each figure the
// median): the hot path (GET /api/sso/status, signed in and linked) and the full handshake, on
//   - Postgres directly with NAMED prepared statements (the default; lib/db/prepared.ts),
//   - Postgres directly with UNNAMED statements (DATABASE_PREPARED_STATEMENTS=false): the cost of
//     parsing and planning every statement, on its own,
//   - PgBouncer 1.18 in transaction pooling with unnamed statements (what such a pooler needs):
//     that cost plus the extra hop, PgBouncer's own CPU shown apart.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startPgBouncer } from "../../scripts/topology/pgbouncer";
import { runHandshakeLoad } from "./handshake-load";
import { medianOf, runHttpLoad, type LoadResult } from "./http-load";
import { processCpuMs } from "./proc";
import { startServer, type Server } from "./server";

export type PoolerModeResult = { mode: string; status: LoadResult; handshake: LoadResult; pgbouncerCpuMsPerStatus: number | null; pgbouncerCpuMsPerHandshake: number | null };

export type PoolerReport = { modes: PoolerModeResult[]; ratios: Record<string, number> };

type Mode = { mode: string; port: number; env: Record<string, string>; server?: Server; runs: { status: LoadResult[]; handshake: LoadResult[]; bouncerStatus: number[]; bouncerHandshake: number[] } };

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

export async function runPoolerComparison(options: {
  databaseUrl: string;
  database: string;
  /** The bench's first server port: the three modes run on the three ports after it. */
  port: number;
  pgbouncerPort: number;
  serverEnv: Record<string, string>;
  nodeArgs: string[];
  cookie: string;
  host: string;
  connections: number;
  durationSeconds: number;
  handshakeClients: number;
  rounds: number;
  say: (line: string) => void;
}): Promise<PoolerReport> {
  const dir = mkdtempSync(join(tmpdir(), "mss-bench-pgbouncer-"));
  const database = options.database;
  const bouncer = await startPgBouncer({ dir, port: options.pgbouncerPort, database, poolSize: 10 });
  const pooled = new URL(options.databaseUrl);
  pooled.port = String(options.pgbouncerPort);
  const modes: Mode[] = [
    { mode: "direct, named prepared statements", port: options.port + 1, env: { DATABASE_URL: options.databaseUrl, DATABASE_PREPARED_STATEMENTS: "true" }, runs: { status: [], handshake: [], bouncerStatus: [], bouncerHandshake: [] } },
    { mode: "direct, unnamed statements", port: options.port + 2, env: { DATABASE_URL: options.databaseUrl, DATABASE_PREPARED_STATEMENTS: "false" }, runs: { status: [], handshake: [], bouncerStatus: [], bouncerHandshake: [] } },
    { mode: "PgBouncer 1.18 transaction pooling, unnamed statements", port: options.port + 3, env: { DATABASE_URL: pooled.toString(), DATABASE_PREPARED_STATEMENTS: "false" }, runs: { status: [], handshake: [], bouncerStatus: [], bouncerHandshake: [] } },
  ];
  try {
    for (const mode of modes) mode.server = await startServer(mode.port, { ...options.serverEnv, ...mode.env }, { nodeArgs: options.nodeArgs });
    const status = (mode: Mode, seconds: number) =>
      runHttpLoad({ name: `status: ${mode.mode}`, port: mode.port, host: options.host, path: "/api/sso/status", headers: { cookie: options.cookie }, connections: options.connections, durationSeconds: seconds, serverPid: mode.server?.pid ?? 0, database });
    for (const mode of modes) await status(mode, 2); // warm-up: JIT, caches, pools
    for (let round = 1; round <= options.rounds; round++) {
      options.say(`pooler round ${round} of ${options.rounds}`);
      for (const mode of modes) {
        const before = processCpuMs(bouncer.server.pid);
        const s = await status(mode, options.durationSeconds);
        mode.runs.bouncerStatus.push((processCpuMs(bouncer.server.pid) - before) / Math.max(1, s.requests));
        mode.runs.status.push(s);
        const beforeHandshake = processCpuMs(bouncer.server.pid);
        const h = await runHandshakeLoad({ port: mode.port, host: options.host, clients: options.handshakeClients, durationSeconds: options.durationSeconds, serverPid: mode.server?.pid ?? 0, database });
        mode.runs.bouncerHandshake.push((processCpuMs(bouncer.server.pid) - beforeHandshake) / Math.max(1, h.requests));
        mode.runs.handshake.push({ ...h, name: `handshake: ${mode.mode}` });
        options.say(`  ${mode.mode}: status ${s.requestsPerSecond}/s (app ${s.appCpuMsPerRequest} ms, Postgres ${s.databaseCpuMsPerRequest} ms CPU/req), handshakes ${h.requestsPerSecond}/s (app ${h.appCpuMsPerRequest} ms, Postgres ${h.databaseCpuMsPerRequest} ms CPU/handshake), errors ${s.errors + s.non2xx + h.errors}`);
      }
    }
  } finally {
    for (const mode of modes) await mode.server?.stop();
    await bouncer.server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const results: PoolerModeResult[] = modes.map((mode, index) => ({
    mode: mode.mode,
    status: medianOf(mode.runs.status),
    handshake: medianOf(mode.runs.handshake),
    pgbouncerCpuMsPerStatus: index === 2 ? Math.round(median(mode.runs.bouncerStatus) * 1000) / 1000 : null,
    pgbouncerCpuMsPerHandshake: index === 2 ? Math.round(median(mode.runs.bouncerHandshake) * 1000) / 1000 : null,
  }));
  const [named, unnamed, bouncer3] = results as [PoolerModeResult, PoolerModeResult, PoolerModeResult];
  return {
    modes: results,
    ratios: {
      "status throughput: unnamed / named (direct)": ratio(unnamed.status.requestsPerSecond, named.status.requestsPerSecond),
      "status throughput: PgBouncer / direct named": ratio(bouncer3.status.requestsPerSecond, named.status.requestsPerSecond),
      "status Postgres CPU/req: unnamed / named": ratio(unnamed.status.databaseCpuMsPerRequest, named.status.databaseCpuMsPerRequest),
      "status Postgres CPU/req: PgBouncer / direct named": ratio(bouncer3.status.databaseCpuMsPerRequest, named.status.databaseCpuMsPerRequest),
      "handshake throughput: PgBouncer / direct named": ratio(bouncer3.handshake.requestsPerSecond, named.handshake.requestsPerSecond),
      "handshake Postgres CPU: PgBouncer / direct named": ratio(bouncer3.handshake.databaseCpuMsPerRequest, named.handshake.databaseCpuMsPerRequest),
    },
  };
}

export function poolerMarkdown(report: PoolerReport, settings: string, startedAt: string): string {
  const rows = report.modes.map((m) =>
    `| ${m.mode} | ${m.status.requestsPerSecond} | ${m.status.p50Ms} / ${m.status.p99Ms} | ${m.status.appCpuMsPerRequest} | ${m.status.databaseCpuMsPerRequest} | ${m.pgbouncerCpuMsPerStatus ?? "–"} | ${m.handshake.requestsPerSecond} | ${m.handshake.appCpuMsPerRequest} | ${m.handshake.databaseCpuMsPerRequest} | ${m.pgbouncerCpuMsPerHandshake ?? "–"} |`,
  );
  return [
    `### Pooler modes — ${startedAt}`,
    "",
    `${settings}. Interleaved rounds, medians; CPU in ms per request (status) or per handshake (3 requests). Shared machine: throughput figures move with the neighbours' load, CPU per request much less.`,
    "",
    "| mode | status/s | status p50 / p99 ms | app CPU | Postgres CPU | PgBouncer CPU | handshakes/s | app CPU | Postgres CPU | PgBouncer CPU |",
    "|---|---|---|---|---|---|---|---|---|---|",
    ...rows,
    "",
    ...Object.entries(report.ratios).map(([name, value]) => `- ${name}: ${value}`),
    "",
  ].join("\n");
}
