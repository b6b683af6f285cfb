// Wraps one load run: samples the server's RSS while it runs and counts the CPU time the app
// and the database's backends spent on it, per completed request.
import { cpuSnapshot, databaseCpuBetween, residentMegabytes } from "./proc";

export type Target = { serverPid: number; database: string };
export type Measured = { maxRssMb: number; appCpuMsPerRequest: number; databaseCpuMsPerRequest: number };

export async function measured<T>(target: Target, run: () => Promise<T>, countRequests: (result: T) => number): Promise<T & Measured> {
  let maxRssMb = residentMegabytes(target.serverPid);
  const sampler = setInterval(() => (maxRssMb = Math.max(maxRssMb, residentMegabytes(target.serverPid))), 500);
  const before = cpuSnapshot(target.serverPid, target.database);
  try {
    const result = await run();
    const after = cpuSnapshot(target.serverPid, target.database);
    const requests = Math.max(1, countRequests(result));
    const perRequest = (ms: number) => Math.round((ms / requests) * 100) / 100;
    return { ...result, maxRssMb, appCpuMsPerRequest: perRequest(after.appMs - before.appMs), databaseCpuMsPerRequest: perRequest(databaseCpuBetween(before, after)) };
  } finally {
    clearInterval(sampler);
  }
}
