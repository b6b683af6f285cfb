// haproxy's own log (option httplog, raw to stdout, TZ=UTC): every request that reached the load
// balancer — Chromium's included — with its time, the instance it went to and its status, and
// the health checks' verdicts ("Server app/app2 is DOWN"). The 5xx count comes from here.
import { readFileSync } from "node:fs";

/** `termination`: haproxy's four-letter termination state; "S…" = the server aborted (a killed instance mid-answer). */
export type LoggedRequest = { at: number; server: string; status: number; termination: string; request: string; totalMs: number };
export type StateChange = { at: number; server: string; state: "UP" | "DOWN" };

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
// 127.0.0.1:52344 [27/Nov/2026:10:58:01.234] https~ app/app1 0/0/1/12/13 200 1234 - - ---- 3/3/0/0/0 0/0 "GET /x HTTP/2.0"
const REQUEST_LINE = /^\S+ \[(\d{2})\/(\w{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})\.(\d{3})\] \S+ [^/\s]+\/(\S+) \S+\/(-?\d+) (-?\d+) -?\d+ \S+ \S+ (\S{4}) .*"(.*)"$/;
const STATE_LINE = /Server \w+\/(\S+) is (UP|DOWN)/;

function acceptTime(m: RegExpMatchArray): number {
  return Date.UTC(Number(m[3]), MONTHS.indexOf(m[2] ?? ""), Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]), Number(m[7]));
}

export function readHaproxyLog(path: string): { requests: LoggedRequest[]; stateChanges: (StateChange & { line: number })[] } {
  const requests: LoggedRequest[] = [];
  const stateChanges: (StateChange & { line: number })[] = [];
  readFileSync(path, "utf8")
    .split("\n")
    .forEach((line, index) => {
      const request = REQUEST_LINE.exec(line);
      if (request) {
        requests.push({ at: acceptTime(request), server: request[8] ?? "?", totalMs: Math.max(0, Number(request[9])), status: Number(request[10]), termination: request[11] ?? "----", request: request[12] ?? "" });
        return;
      }
      const state = STATE_LINE.exec(line);
      if (state) stateChanges.push({ at: Date.now(), server: state[1] ?? "?", state: state[2] as "UP" | "DOWN", line: index });
    });
  return { requests, stateChanges };
}

/** Waits until haproxy has logged `server` going to `state` (after `afterLine`); returns when it saw it. */
export async function waitForState(path: string, server: string, state: "UP" | "DOWN", afterLine: number, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const change = readHaproxyLog(path).stateChanges.find((c) => c.server === server && c.state === state && c.line > afterLine);
    if (change) return Date.now();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`haproxy did not mark ${server} ${state} within ${timeoutMs / 1000} s`);
}

export function lineCount(path: string): number {
  return readFileSync(path, "utf8").split("\n").length - 1;
}
