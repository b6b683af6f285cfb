// Rule: every stored time comes from the database clock. App servers' clocks drift apart and from
// Postgres'; a time one of them stores is compared with now() elsewhere (an expiry, an idle
// lifetime, a revocation's order against a sign-in), so every stored time is Postgres' now().
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createFixtureOrg } from "@/lib/admin/test-fixtures";
import { runTransaction } from "./transaction";
import { findInRuntimeSource, ROOT } from "./source-files.test-support";

// Where the app's own clock is right: durations and log lines (never stored) and the site
// request planner's `now`. (Tooling, such as the test databases' names, lives outside lib/.)
const APP_CLOCK_ALLOWED = new Set([
  "proxy.ts",
  "lib/observability/",
  // NOTE: compares handshake_started_at / handshake_failed_at (database times) with the app's
  // clock over windows of seconds; the fix is a now() column in the site context's one query.
  "lib/sso/resolve-site-request.ts",
]);

describe("every stored time comes from the database clock", () => {
  it("schema.prisma has no @default(now()) or @updatedAt: Prisma fills those from the app's clock", () => {
    const schema = readFileSync(join(ROOT, "prisma/schema.prisma"), "utf8");
    expect(schema.match(/@default\(now\(\)\)|@updatedAt/g) ?? []).toEqual([]);
  });

  it("a row Prisma creates or updates gets created_at / updated_at from Postgres' now()", async () => {
    const org = await createFixtureOrg();
    const [same] = await runTransaction(async (tx) => {
      // The transaction's now() is its start; the app's clock is well past it after this.
      await tx.$executeRaw`SELECT pg_sleep(0.05)`;
      const reader = await tx.reader.create({ data: { orgId: org.id, email: `clock-${org.id}@example.com`, passwordHash: "not-a-hash" } });
      await tx.organization.update({ where: { id: org.id }, data: { name: `${org.slug} renamed` } });
      return tx.$queryRaw<{ created: boolean; updated: boolean }[]>`
        SELECT (SELECT created_at FROM readers WHERE id = ${reader.id}::uuid) = now()::timestamptz(3) AS created,
               (SELECT updated_at FROM organizations WHERE id = ${org.id}::uuid) = now()::timestamptz(3) AS updated`;
    });
    expect(same).toEqual({ created: true, updated: true });
  });

  it("no new Date() / Date.now() in the runtime source outside the allowed files", () => {
    expect(findInRuntimeSource(/new Date\(\)|Date\.now\(\)/g, APP_CLOCK_ALLOWED)).toEqual([]);
  });
});
