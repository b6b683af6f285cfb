import { describe, expect, it } from "vitest";
import { TtlCache } from "./ttl-cache";

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("TtlCache", () => {
  it("serves a cached value until its TTL passes, then reloads", async () => {
    const time = clock();
    const cache = new TtlCache<string>({ ttlMs: 1_000, maxEntries: 10, now: time.now });
    let loads = 0;
    const load = async () => `v${++loads}`;
    expect(await cache.get("k", load)).toBe("v1");
    time.advance(999);
    expect(await cache.get("k", load)).toBe("v1");
    time.advance(1);
    expect(await cache.get("k", load)).toBe("v2");
  });

  it("remembers a miss for a shorter time than a hit", async () => {
    const time = clock();
    const cache = new TtlCache<string>({ ttlMs: 5_000, negativeTtlMs: 100, maxEntries: 10, now: time.now });
    let value: string | null = null;
    const load = async () => value;
    expect(await cache.get("k", load)).toBeNull();
    value = "now-known";
    time.advance(99);
    expect(await cache.get("k", load)).toBeNull();
    time.advance(1);
    expect(await cache.get("k", load)).toBe("now-known");
  });

  it("shares one load between concurrent misses of the same key", async () => {
    const cache = new TtlCache<number>({ ttlMs: 1_000, maxEntries: 10 });
    let loads = 0;
    const load = () => new Promise<number>((resolve) => setTimeout(() => resolve(++loads), 10));
    const results = await Promise.all(Array.from({ length: 20 }, () => cache.get("k", load)));
    expect(new Set(results)).toEqual(new Set([1]));
    expect(loads).toBe(1);
  });

  it("never holds more than maxEntries keys (bounded memory under random hosts)", async () => {
    const cache = new TtlCache<string>({ ttlMs: 60_000, maxEntries: 50 });
    for (let i = 0; i < 500; i++) await cache.get(`host-${i}.example`, async (k) => k);
    expect(cache.size).toBe(50);
  });

  it("does not cache a failed load", async () => {
    const cache = new TtlCache<string>({ ttlMs: 60_000, maxEntries: 10 });
    await expect(cache.get("k", async () => Promise.reject(new Error("db down")))).rejects.toThrow("db down");
    expect(await cache.get("k", async () => "back")).toBe("back");
  });
});
