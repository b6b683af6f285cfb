// Integration: a real deadlock between two transactions is resolved by Postgres aborting one,
// and runTransaction / runPgTransaction run the aborted one again, so both callers succeed.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { isTransactionConflict } from "@/lib/errors";
import { runPgTransaction, runTransaction } from "./transaction";

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
/** Runs `work` in a transaction, giving it a way to bump one bucket's count. */
type Runner = (work: (bump: (key: string) => Promise<unknown>) => Promise<void>) => Promise<unknown>;

const prismaOnce: Runner = (work) => db.$transaction((tx) => work((key) => tx.$executeRaw`UPDATE rate_limit_buckets SET count = count + 1 WHERE key = ${key}`));
const prismaRetrying: Runner = (work) => runTransaction((tx) => work((key) => tx.$executeRaw`UPDATE rate_limit_buckets SET count = count + 1 WHERE key = ${key}`));
const driverRetrying: Runner = (work) => runPgTransaction((client) => work((key) => client.query("UPDATE rate_limit_buckets SET count = count + 1 WHERE key = $1", [key])));

function deadlockingPair(run: Runner, a: string, b: string) {
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
    run(async (bump) => {
      attempts += 1;
      const firstAttempt = attempts <= 2;
      await bump(first);
      if (firstAttempt) {
        holders += 1;
        await bothHold;
      }
      await bump(second);
    });
  return { results: Promise.allSettled([transaction(a, b), transaction(b, a)]), attempts: () => attempts };
}

describe("runTransaction", () => {
  it("a deadlock between two transactions is a conflict Postgres resolves by aborting one (40P01), recognised as such", async () => {
    const [a, b] = await createRows();
    const pair = deadlockingPair(prismaOnce, a, b);
    const results = await pair.results;
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect(isTransactionConflict(rejected[0]?.reason)).toBe(true);
  });

  it("runs the aborted transaction again, so both callers succeed and both writes land", async () => {
    const [a, b] = await createRows();
    const pair = deadlockingPair(prismaRetrying, a, b);
    const results = await pair.results;
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    expect(pair.attempts()).toBe(3);
    const rows = await db.rateLimitBucket.findMany({ where: { key: { in: [a, b] } } });
    expect(rows.map((r) => r.count)).toEqual([2, 2]);
  });
});

describe("runPgTransaction", () => {
  it("runs the aborted transaction again, so both callers succeed and both writes land", async () => {
    const [a, b] = await createRows();
    const pair = deadlockingPair(driverRetrying, a, b);
    const results = await pair.results;
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    expect(pair.attempts()).toBe(3);
    const rows = await db.rateLimitBucket.findMany({ where: { key: { in: [a, b] } } });
    expect(rows.map((r) => r.count)).toEqual([2, 2]);
  });

  it("rolls back on an error: nothing the failed transaction wrote lands, and the error reaches the caller", async () => {
    const [a] = await createRows();
    await expect(
      runPgTransaction(async (client) => {
        await client.query("UPDATE rate_limit_buckets SET count = count + 1 WHERE key = $1", [a]);
        throw new Error("the work failed");
      }),
    ).rejects.toThrow("the work failed");
    const row = await db.rateLimitBucket.findUniqueOrThrow({ where: { key: a } });
    expect(row.count).toBe(0);
  });
});
