import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readHaproxyLog } from "./haproxy-log";

const dir = mkdtempSync(join(tmpdir(), "haproxy-log-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function parse(text: string) {
  const path = join(dir, `${Math.random()}.log`);
  writeFileSync(path, text);
  return readHaproxyLog(path);
}

describe("haproxy's log, as the topology run counts 5xx and cut answers from it", () => {
  it("reads accept time (UTC), instance, total time, status, termination state and request line", () => {
    const { requests } = parse(
      `::1:42500 [27/Nov/2026:10:56:32.262] https~ app/app1 0/0/1/1914/1915 200 314 - - SD-- 1/1/0/0/0 0/0 "GET /_next/x.js HTTP/2.0"\n`,
    );
    expect(requests).toEqual([{ at: Date.UTC(2026, 10, 27, 10, 56, 32, 262), server: "app1", totalMs: 1915, status: 200, termination: "SD--", request: "GET /_next/x.js HTTP/2.0" }]);
  });

  it("a request haproxy answered itself (no server up) is <NOSRV> with its own 503", () => {
    const { requests } = parse(`127.0.0.1:39184 [27/Nov/2026:10:56:16.758] https~ app/<NOSRV> 0/-1/-1/-1/0 503 217 - - SC-- 1/1/0/0/0 0/0 "GET /api/health HTTP/1.1"\n`);
    expect(requests[0]).toMatchObject({ server: "<NOSRV>", status: 503, termination: "SC--" });
  });

  it("health-check verdicts are state changes, not requests", () => {
    const { requests, stateChanges } = parse(`[WARNING]  (24847) : Server app/app2 is DOWN, reason: Layer4 connection problem\nServer app/app2 is UP, reason: Layer7 check passed\n`);
    expect(requests).toEqual([]);
    expect(stateChanges.map((c) => `${c.server} ${c.state}`)).toEqual(["app2 DOWN", "app2 UP"]);
  });
});
