// Interactive transactions, retried when Postgres aborts them to resolve a conflict. Transactions
// that write several rows of the same tables (a logout revoking a reader's sessions and tokens, a
// sign-in re-binding a token, an OTT redemption linking a session) can deadlock with each other
// when one reader acts on several sites and devices at once: Postgres then aborts one of them
// (40P01) so the other can finish, and the aborted one is meant to be run again. Every callback
// passed here only reads and writes the database (no secrets leave it before it commits), so
// running it again is safe.
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import { isTransactionConflict } from "@/lib/errors";

const MAX_ATTEMPTS = 4;

export async function runTransaction<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(work);
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isTransactionConflict(error)) throw error;
      console.warn(`[db] transaction aborted by a conflict with another (attempt ${attempt} of ${MAX_ATTEMPTS}); retrying`);
      // A short, jittered pause, so the two that collided do not collide again at once.
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
    }
  }
}
