// Integration: rate limits against the real database (the counter every instance shares).
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { bucketKey, consumeRateLimit, peekRateLimit, releaseRateLimit, resetRateLimit } from "./rate-limit";

const prefix = `test-rl:${randomUUID()}:`;
let counter = 0;
function freshKey(): string {
  counter += 1;
  return `${prefix}${counter}`;
}

/** Moves the key's window into the past, as if its time had run out, without sleeping. */
async function expireWindow(key: string): Promise<void> {
  await db.$executeRaw`
    UPDATE rate_limit_buckets
    SET window_start = window_start - interval '1 hour', expires_at = expires_at - interval '1 hour'
    WHERE key = ${key}`;
}

afterAll(async () => {
  await db.$executeRaw`DELETE FROM rate_limit_buckets WHERE key LIKE ${`${prefix}%`}`;
});

describe("consumeRateLimit", () => {
  it("allows up to the limit, then refuses with a positive Retry-After", async () => {
    const options = { key: freshKey(), limit: 3, windowSeconds: 60 };
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await consumeRateLimit(options));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    expect(results[0]?.retryAfterSeconds).toBe(0);
    const refused = results[3];
    expect(refused?.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused?.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it("starts a new window once the old one has expired", async () => {
    const options = { key: freshKey(), limit: 2, windowSeconds: 60 };
    await consumeRateLimit(options);
    await consumeRateLimit(options);
    expect((await consumeRateLimit(options)).allowed).toBe(false);
    await expireWindow(options.key);
    expect(await consumeRateLimit(options)).toEqual({ allowed: true, remaining: 1, count: 1, retryAfterSeconds: 0 });
    const rows = await db.rateLimitBucket.findUniqueOrThrow({ where: { key: options.key } });
    expect(rows.count).toBe(1);
    expect(rows.expiresAt.getTime() - rows.windowStart.getTime()).toBe(60_000);
  });

  it("concurrent requests cannot exceed the limit (50 at once, limit 10: exactly 10 allowed)", async () => {
    const options = { key: freshKey(), limit: 10, windowSeconds: 60 };
    const results = await Promise.all(Array.from({ length: 50 }, () => consumeRateLimit(options)));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    const row = await db.rateLimitBucket.findUniqueOrThrow({ where: { key: options.key } });
    expect(row.count).toBe(50);
  });

  it("counts different keys independently", async () => {
    const a = { key: freshKey(), limit: 1, windowSeconds: 60 };
    const b = { ...a, key: freshKey() };
    expect((await consumeRateLimit(a)).allowed).toBe(true);
    expect((await consumeRateLimit(a)).allowed).toBe(false);
    expect((await consumeRateLimit(b)).allowed).toBe(true);
  });

  it("refuses nonsensical options instead of silently not limiting", async () => {
    await expect(consumeRateLimit({ key: "", limit: 1, windowSeconds: 60 })).rejects.toThrow(/key/);
    await expect(consumeRateLimit({ key: freshKey(), limit: 0, windowSeconds: 60 })).rejects.toThrow(/limit/);
    await expect(consumeRateLimit({ key: freshKey(), limit: 1, windowSeconds: 0.5 })).rejects.toThrow(/window/);
  });
});

describe("peekRateLimit", () => {
  it("reports a lockout without counting", async () => {
    const options = { key: freshKey(), limit: 2, windowSeconds: 60 };
    expect(await peekRateLimit(options)).toEqual({ allowed: true, remaining: 2, count: 0, retryAfterSeconds: 0 });
    await consumeRateLimit(options);
    expect(await peekRateLimit(options)).toEqual({ allowed: true, remaining: 1, count: 1, retryAfterSeconds: 0 });
    await consumeRateLimit(options);
    const locked = await peekRateLimit(options);
    expect(locked.allowed).toBe(false);
    expect(locked.remaining).toBe(0);
    expect(locked.retryAfterSeconds).toBeGreaterThan(0);
    const row = await db.rateLimitBucket.findUniqueOrThrow({ where: { key: options.key } });
    expect(row.count).toBe(2);
  });

  it("treats an expired window as empty", async () => {
    const options = { key: freshKey(), limit: 1, windowSeconds: 60 };
    await consumeRateLimit(options);
    expect((await peekRateLimit(options)).allowed).toBe(false);
    await expireWindow(options.key);
    expect(await peekRateLimit(options)).toEqual({ allowed: true, remaining: 1, count: 0, retryAfterSeconds: 0 });
  });
});

describe("releaseRateLimit", () => {
  it("gives back one slot of the current window, never below zero", async () => {
    const options = { key: freshKey(), limit: 2, windowSeconds: 60 };
    await consumeRateLimit(options);
    await consumeRateLimit(options);
    expect((await peekRateLimit(options)).allowed).toBe(false);
    await releaseRateLimit(options);
    expect(await peekRateLimit(options)).toMatchObject({ allowed: true, count: 1 });
    await releaseRateLimit(options);
    await releaseRateLimit(options);
    expect((await db.rateLimitBucket.findUniqueOrThrow({ where: { key: options.key } })).count).toBe(0);
  });

  it("leaves an expired window alone", async () => {
    const options = { key: freshKey(), limit: 1, windowSeconds: 60 };
    await consumeRateLimit(options);
    await expireWindow(options.key);
    await releaseRateLimit(options);
    expect((await db.rateLimitBucket.findUniqueOrThrow({ where: { key: options.key } })).count).toBe(1);
  });
});

describe("resetRateLimit", () => {
  it("clears the key's count (e.g. after a successful sign-in) and leaves other keys alone", async () => {
    const options = { key: freshKey(), limit: 1, windowSeconds: 60 };
    const other = { ...options, key: freshKey() };
    await consumeRateLimit(options);
    await consumeRateLimit(other);
    expect((await peekRateLimit(options)).allowed).toBe(false);
    await resetRateLimit(options.key);
    expect((await consumeRateLimit(options)).allowed).toBe(true);
    expect((await peekRateLimit(other)).allowed).toBe(false);
  });
});

describe("bucket keys", () => {
  afterAll(async () => {
    await db.$executeRaw`DELETE FROM rate_limit_buckets WHERE key LIKE 'test-rl-%'`;
  });

  it("an over-long key (built from client input) is counted under its digest, never refused with an error (a 500 for the client)", async () => {
    const key = `test-rl-long:${randomUUID()}:${"é".repeat(2000)}`;
    expect(bucketKey(key).length).toBeLessThanOrEqual(256);
    expect(bucketKey(key)).toMatch(/^test-rl-long:sha256:[A-Za-z0-9_-]{43}$/);
    const options = { key, limit: 1, windowSeconds: 60 };
    expect((await consumeRateLimit(options)).allowed).toBe(true);
    expect((await consumeRateLimit(options)).allowed).toBe(false);
    expect((await peekRateLimit(options)).allowed).toBe(false);
    await resetRateLimit(key);
    expect((await peekRateLimit(options)).allowed).toBe(true);
    // Two long keys that differ only at the end are two buckets.
    expect(bucketKey(`${key}a`)).not.toBe(bucketKey(`${key}b`));
  });

  it("IPv6 clients are counted per /64: another address of the same /64 shares the bucket, another /64 does not", async () => {
    const tag = randomUUID().slice(0, 8);
    const rule = { limit: 1, windowSeconds: 60 };
    expect((await consumeRateLimit({ key: `test-rl-v6-${tag}:ip:2001:db8:1:2::1`, ...rule })).allowed).toBe(true);
    expect((await consumeRateLimit({ key: `test-rl-v6-${tag}:ip:2001:db8:1:2:ffff::9`, ...rule })).allowed).toBe(false);
    expect((await consumeRateLimit({ key: `test-rl-v6-${tag}:ip:2001:db8:1:3::1`, ...rule })).allowed).toBe(true);
    // IPv4 is unchanged: one address, one bucket.
    expect((await consumeRateLimit({ key: `test-rl-v6-${tag}:ip:203.0.113.1`, ...rule })).allowed).toBe(true);
    expect((await consumeRateLimit({ key: `test-rl-v6-${tag}:ip:203.0.113.2`, ...rule })).allowed).toBe(true);
  });
});
