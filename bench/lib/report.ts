// Results as JSON (bench/results/) and as the Markdown table of docs/performance.md.
import { cpus, totalmem, release } from "node:os";
import type { LoadResult } from "./http-load";
import type { Target } from "./targets";

export type BenchReport = {
  startedAt: string;
  machine: { cpus: string; cores: number; memoryGb: number; kernel: string; node: string; postgres: string };
  /** oidcPeer: what the peer row (an OIDC provider doing the handshake's job) ran, bench/lib/oidc-peer.ts. */
  settings: { connections: number; durationSeconds: number; rounds: number; handshakeClients: number; poolMax: number; serverNodeOptions: string; oidcPeer?: string };
  results: LoadResult[];
  ratios: Record<string, Target>;
  /** Password sign-ins per core (bench/lib/password-rate.ts). */
  passwords?: { verificationsPerSecondPerCore: number; msPerVerification: number; samples: number };
  /** One database round trip's cost to the app process (bench/lib/round-trip.ts). */
  roundTrip?: { cpuMicroseconds: number; wallMicroseconds: number; samples: number };
  scaling: { rows: number; status: LoadResult }[];
  /** Every run of the main table, round by round (the table shows their medians). */
  rounds: Record<string, LoadResult[]>;
};

export function describeMachine(postgres: string): BenchReport["machine"] {
  const cpu = cpus();
  return {
    cpus: cpu[0]?.model ?? "unknown",
    cores: cpu.length,
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    kernel: release(),
    node: process.version,
    postgres,
  };
}

const row = (r: LoadResult) =>
  `| ${r.name} | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.errors + r.non2xx} | ${r.maxRssMb} | ${r.appCpuMsPerRequest} | ${r.databaseCpuMsPerRequest} |`;

export function toMarkdown(report: BenchReport): string {
  const m = report.machine;
  return [
    `### Run of ${report.startedAt}`,
    "",
    `Machine: ${m.cores} × ${m.cpus}, ${m.memoryGb} GB RAM, Linux ${m.kernel}, Node ${m.node}, ${m.postgres}. ` +
      `Load: ${report.settings.connections} connections × ${report.settings.durationSeconds} s (autocannon), each figure the median of ${report.settings.rounds} interleaved rounds; handshakes: ${report.settings.handshakeClients} parallel clients; app pool ${report.settings.poolMax} connections; server node flags \`${report.settings.serverNodeOptions}\` (as \`npm start\`). Load generator on the same machine.`,
    "",
    "| endpoint | req/s | p50 ms | p99 ms | errors | max RSS MB | app CPU ms/req | Postgres CPU ms/req |",
    "|---|---|---|---|---|---|---|---|",
    ...report.results.map(row),
    "",
    ...(report.settings.oidcPeer ? [`Peer: ${report.settings.oidcPeer}. Its row counts whole flows (two requests: /auth and /token), as the handshake row counts whole handshakes (three).`, ""] : []),
    "| figure | from the medians | round by round | target | met (medians; rounds) |",
    "|---|---|---|---|---|",
    ...Object.entries(report.ratios).map(([name, r]) => `| ${name} | ${r.value} | ${r.rounds ? `${r.rounds.min}–${r.rounds.max}` : ""} | ${r.target} | ${metCell(r)} |`),
    "",
    ...(report.passwords
      ? [`Password sign-ins: ${report.passwords.verificationsPerSecondPerCore} per second per core (argon2id m = 19 MiB, t = 2, p = 1: ${report.passwords.msPerVerification} ms of CPU per verification, ${report.passwords.samples} verifications); Keycloak publishes 15 per vCPU (its sizing guide, default password hashing).`, ""]
      : []),
    ...(report.roundTrip ? [`One database round trip (a named prepared statement, back to back, over the server's connection string): ${report.roundTrip.cpuMicroseconds} µs of the client's CPU, ${report.roundTrip.wallMicroseconds} µs wall.`, ""] : []),
    "",
    "Status path against the number of SSO tokens and site sessions in the database:",
    "",
    "| rows | req/s | p50 ms | p99 ms | errors | app CPU ms/req | Postgres CPU ms/req |",
    "|---|---|---|---|---|---|---|",
    ...report.scaling.map(
      (s) =>
        `| ${s.rows.toLocaleString("en")} | ${s.status.requestsPerSecond} | ${s.status.p50Ms} | ${s.status.p99Ms} | ${s.status.errors + s.status.non2xx} | ${s.status.appCpuMsPerRequest} | ${s.status.databaseCpuMsPerRequest} |`,
    ),
    "",
  ].join("\n");
}

function metCell(r: Target): string {
  if (r.met === null) return "";
  const rounds = r.rounds ? `; ${r.rounds.met} of ${r.rounds.of} rounds` : "";
  return `${r.met ? "yes" : "**no**"}${rounds}`;
}
