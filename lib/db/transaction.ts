// Interactive transactions, retried when Postgres aborts them to resolve a conflict. Transactions
// that write several rows of the same tables (a logout revoking a reader's sessions and tokens, a
// sign-in re-binding a token, an OTT redemption linking a session) can deadlock with each other
// when one reader acts on several sites and devices at once: Postgres then aborts one of them
// (40P01) so the other can finish, and the aborted one is meant to be run again. Every callback
// passed here only reads and writes the database (no secrets leave it before it commits), so
// running it again is safe.
//
// Two flavours over the same connections and the same retry rule: Prisma's interactive
// transaction, and one on the driver for the hot paths written as prepared statements.
import type { PoolClient } from "pg";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import { isTransactionConflict } from "@/lib/errors";
import { getPool } from "./pool";

const MAX_ATTEMPTS = 4;

export async function runTransaction<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return retryingConflicts(() => db.$transaction(work));
}

/** A transaction on one driver connection (for lib/db/prepared.ts statements). */
export async function runPgTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
  return retryingConflicts(async () => {
    const client = await getPool().connect();
    let broken = false;
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      // A failed ROLLBACK means the connection itself is gone: it must not go back to the pool.
      await client.query("ROLLBACK").catch(() => (broken = true));
      throw error;
    } finally {
      client.release(broken);
    }
  });
}

async function retryingConflicts<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isTransactionConflict(error)) throw error;
      console.warn(`[db] transaction aborted by a conflict with another (attempt ${attempt} of ${MAX_ATTEMPTS}); retrying`);
      // A short, jittered pause, so the two that collided do not collide again at once.
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
    }
  }
}
