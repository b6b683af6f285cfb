import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { PurgeCounts } from "./purge-expired";
import { startPurgeJob } from "./purge-job";

const nothing: PurgeCounts = { oneTimeTokens: 0, siteSessions: 0, ssoTokens: 0, rateLimitBuckets: 0, signInSources: 0, auditEvents: 0, emailLinks: 0, mail: 0 };

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("startPurgeJob", () => {
  it("waits a random part of the interval before the first run, so instances do not align", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    const purge = vi.fn(async () => nothing);
    const stop = startPurgeJob({ intervalMs: 1_000, purge, log: () => {} });
    await vi.advanceTimersByTimeAsync(499);
    expect(purge).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(purge).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(purge).toHaveBeenCalledTimes(3);
    stop();
  });

  it("never overlaps runs: a tick during a slow run is skipped", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    let finish: (() => void) | undefined;
    const purge = vi.fn(
      () =>
        new Promise<PurgeCounts>((resolve) => {
          finish = () => resolve(nothing);
        }),
    );
    const stop = startPurgeJob({ intervalMs: 100, purge, log: () => {} });
    await vi.advanceTimersByTimeAsync(350);
    expect(purge).toHaveBeenCalledTimes(1);
    finish?.();
    await vi.advanceTimersByTimeAsync(100);
    expect(purge).toHaveBeenCalledTimes(2);
    stop();
  });

  it("logs a failed run instead of throwing, and tries again next interval", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const purge = vi.fn(async (): Promise<PurgeCounts> => {
      throw new Error("database unavailable");
    });
    const errors: string[] = [];
    const stop = startPurgeJob({ intervalMs: 100, purge, logError: (line) => errors.push(line) });
    await vi.advanceTimersByTimeAsync(150);
    expect(purge).toHaveBeenCalledTimes(2);
    expect(errors).toEqual(["[purge] failed: database unavailable", "[purge] failed: database unavailable"]);
    stop();
  });

  it("logs what it deleted, and stays quiet when there was nothing", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const purge = vi
      .fn<() => Promise<PurgeCounts>>()
      .mockResolvedValueOnce(nothing)
      .mockResolvedValueOnce({ ...nothing, oneTimeTokens: 7 });
    const lines: string[] = [];
    const stop = startPurgeJob({ intervalMs: 100, purge, log: (line) => lines.push(line) });
    await vi.advanceTimersByTimeAsync(150);
    expect(lines).toEqual(["[purge] deleted oneTimeTokens=7 siteSessions=0 ssoTokens=0 rateLimitBuckets=0 signInSources=0 auditEvents=0 emailLinks=0 mail=0"]);
    stop();
  });

  it("stops: no run after the stop function is called", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    const purge = vi.fn(async () => nothing);
    const stop = startPurgeJob({ intervalMs: 1_000, purge });
    stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(purge).not.toHaveBeenCalled();
  });
});
