// Integration: a real deadlock between two transactions is resolved by Postgres aborting one,
// and runTransaction runs the aborted one again, so both callers succeed.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { isTransactionConflict } from "@/lib/errors";
import { runTransaction } from "./transaction";

const prefix = `tx-test:${randomUUID()}:`;

afterAll(async () => {
  await db.$executeRaw`DELETE FROM rate_limit_buckets WHERE key LIKE ${`${prefix}%`}`;
});

async function createRows(): Promise<[string, string]> {
  const a = `${prefix}a:${randomUUID()}`;
  const b = `${prefix}b:${randomUUID()}`;
  for (const key of [a, b]) {
    await db.$executeRaw`INSERT INTO rate_limit_buckets (key, count, window_start, expires_at) VALUES (${key}, 0, now(), now() + interval '1 hour')`;
  }
  return [a, b];
}

/** Two transactions that lock the same two rows in opposite orders, each waiting until the other holds its first row. */
function deadlockingPair(run: (work: Parameters<typeof runTransaction>[0]) => Promise<unknown>, a: string, b: string) {
  let attempts = 0;
  let holders = 0;
  const bothHold = new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (holders >= 2) {
        clearInterval(check);
        resolve();
      }
    }, 5);
  });
  const transaction = (first: string, second: string) =>
    run(async (tx) => {
      attempts += 1;
      const firstAttempt = attempts <= 2;
      await tx.$executeRaw`UPDATE rate_limit_buckets SET count = count + 1 WHERE key = ${first}`;
      if (firstAttempt) {
        holders += 1;
        await bothHold;
      }
      await tx.$executeRaw`UPDATE rate_limit_buckets SET count = count + 1 WHERE key = ${second}`;
    });
  return { results: Promise.allSettled([transaction(a, b), transaction(b, a)]), attempts: () => attempts };
}

describe("runTransaction", () => {
  it("a deadlock between two transactions is a conflict Postgres resolves by aborting one (40P01), recognised as such", async () => {
    const [a, b] = await createRows();
    const pair = deadlockingPair((work) => db.$transaction(work), a, b);
    const results = await pair.results;
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect(isTransactionConflict(rejected[0]?.reason)).toBe(true);
  });

  it("runs the aborted transaction again, so both callers succeed and both writes land", async () => {
    const [a, b] = await createRows();
    const pair = deadlockingPair(runTransaction, a, b);
    const results = await pair.results;
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    expect(pair.attempts()).toBe(3);
    const rows = await db.rateLimitBucket.findMany({ where: { key: { in: [a, b] } } });
    expect(rows.map((r) => r.count)).toEqual([2, 2]);
  });
});
