// Rule: every transaction goes through the retrying helper (lib/db/transaction.ts). Transactions
// that write the rows a logout writes deadlock with each other now and then; Postgres aborts one
// (40P01) and only the helper runs it again — anywhere else the abort is a 503 for someone.
import { describe, expect, it } from "vitest";
import { findInRuntimeSource } from "./source-files.test-support";

const ALLOWED = new Set([
  // The helper itself: Prisma's interactive transaction and the driver's BEGIN … COMMIT.
  "lib/db/transaction.ts",
  // (The migration runner, which applies each migration in a transaction of its own, is tooling:
  // tooling/db/migrate.ts, outside the runtime tree this scans.)
]);

describe("every transaction goes through the retrying helper", () => {
  it("no Prisma $transaction outside lib/db/transaction.ts (use runTransaction)", () => {
    expect(findInRuntimeSource(/\$transaction\s*\(/g, ALLOWED)).toEqual([]);
  });

  it("no BEGIN / START TRANSACTION on a driver connection outside lib/db/transaction.ts (use runPgTransaction)", () => {
    expect(findInRuntimeSource(/\bquery\s*(<[^>]*>)?\s*\(\s*["'`]\s*(BEGIN|START\s+TRANSACTION)\b/gi, ALLOWED)).toEqual([]);
  });
});
