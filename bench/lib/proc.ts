// What /proc says about the processes under measurement: the server's process family (RSS,
// CPU time) and the Postgres backends serving the bench database (CPU time). CPU time per
// request is the figure that explains throughput on a small machine where the load generator,
// Postgres and the app share the cores: it does not depend on what else the machine is doing.
import { readdirSync, readFileSync } from "node:fs";

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ; `getconf CLK_TCK` is 100 on Linux x86_64 and arm64

type ProcStat = { pid: number; ppid: number; cpuTicks: number };

function readStat(pid: number): ProcStat | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may contain spaces): state ppid … utime(14) stime(15).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { pid, ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null; // the process ended while we looked
  }
}

function allProcesses(): ProcStat[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => readStat(Number(entry)))
    .filter((stat): stat is ProcStat => stat !== null);
}

/** `pid` and its descendants. */
function processFamily(pid: number): number[] {
  const processes = allProcesses();
  const family = new Set([pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of processes) if (family.has(p.ppid) && !family.has(p.pid)) (family.add(p.pid), (grew = true));
  }
  return [...family];
}

/** RSS in MB of `pid` and its descendants. */
export function residentMegabytes(pid: number): number {
  let kb = 0;
  for (const member of processFamily(pid)) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${member}/status`, "utf8"));
      kb += Number(match?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return Math.round(kb / 1024);
}

/** Backends of one database: Postgres titles them "postgres: [cluster: ]<user> <database> <client> <state>". */
function backendsOf(database: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (title.startsWith("postgres: ") && title.includes(` ${database} `)) pids.push(Number(entry));
    } catch {
      // gone
    }
  }
  return pids;
}

export type CpuSnapshot = { appMs: number; databaseMs: number };

/** CPU time used so far by the server's family and by the database's backends. */
export function cpuSnapshot(serverPid: number, database: string): CpuSnapshot {
  const ms = (pids: number[]) => pids.reduce((sum, pid) => sum + (readStat(pid)?.cpuTicks ?? 0), 0) * (1000 / CLOCK_TICKS_PER_SECOND);
  return { appMs: ms(processFamily(serverPid)), databaseMs: ms(backendsOf(database)) };
}
