// Integration: our hand-written migrations must produce exactly what schema.prisma describes,
// and the drift check must notice when they do not.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testEnv } from "@/test/test-env";
import { applyMigrations } from "@/tooling/db/migrate";
import { findSchemaDrift } from "@/tooling/db/schema-drift";
import { createFreshDatabase, findLocalPostgres, type FreshDatabase } from "@/tooling/db/test-database";

const serverUrl = await findLocalPostgres();
// Only a developer machine without Postgres may skip; in CI a missing server is a failure.
const skip = serverUrl === null && !testEnv.CI;

describe.skipIf(skip)("findSchemaDrift (needs a local Postgres: TEST_DATABASE_URL or 127.0.0.1:5432)", () => {
  let database: FreshDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    if (serverUrl === null) throw new Error("CI must provide a local Postgres (127.0.0.1:5432 or TEST_DATABASE_URL); none answered");
    database = await createFreshDatabase({ serverUrl, prefix: "mss_drift" });
    await applyMigrations({ connectionString: database.url });
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  /** Makes a change, returns the drift it causes, and always undoes it so tests stay independent. */
  async function driftAfter(change: string, undo: string): Promise<string[]> {
    await client.query(change);
    try {
      return await findSchemaDrift({ connectionString: database.url });
    } finally {
      await client.query(undo);
    }
  }

  it("finds no drift between the migrations and schema.prisma", async () => {
    expect(await findSchemaDrift({ connectionString: database.url })).toEqual([]);
  });

  it("reports a column that schema.prisma has but the database lacks", async () => {
    const drift = await driftAfter(
      `ALTER TABLE "readers" DROP COLUMN "display_name"`,
      `ALTER TABLE "readers" ADD COLUMN "display_name" TEXT`,
    );
    expect(drift).toEqual([`column "readers"."display_name" is in schema.prisma but missing from the database`]);
  });

  it("reports a column that the database has but schema.prisma lacks", async () => {
    const drift = await driftAfter(`ALTER TABLE "staff" ADD COLUMN "nickname" TEXT`, `ALTER TABLE "staff" DROP COLUMN "nickname"`);
    expect(drift).toEqual([`column "staff"."nickname" exists in the database but not in schema.prisma`]);
  });

  it("reports a column whose nullability differs", async () => {
    const drift = await driftAfter(
      `ALTER TABLE "sites" ALTER COLUMN "logo_text" DROP NOT NULL`,
      `ALTER TABLE "sites" ALTER COLUMN "logo_text" SET NOT NULL`,
    );
    expect(drift).toEqual([`column "sites"."logo_text": the database has it nullable, schema.prisma has it NOT NULL`]);
  });

  it("reports a column whose type differs", async () => {
    const drift = await driftAfter(
      `ALTER TABLE "sso_tokens" ALTER COLUMN "expires_at" TYPE TIMESTAMP(3)`,
      `ALTER TABLE "sso_tokens" ALTER COLUMN "expires_at" TYPE TIMESTAMPTZ(3)`,
    );
    expect(drift).toEqual([
      `column "sso_tokens"."expires_at": the database type is timestamp(3) without time zone, schema.prisma expects timestamp(3) with time zone`,
    ]);
  });

  it("reports a unique index that schema.prisma has but the database lacks", async () => {
    const drift = await driftAfter(
      `DROP INDEX "organizations_slug_key"`,
      `CREATE UNIQUE INDEX "organizations_slug_key" ON "organizations"("slug")`,
    );
    expect(drift).toEqual([`unique index "organizations_slug_key" (slug) on "organizations" is in schema.prisma but missing from the database`]);
  });

  it("reports an index whose name differs from Prisma's convention", async () => {
    const drift = await driftAfter(
      `ALTER INDEX "sso_tokens_expires_at_idx" RENAME TO "sso_tokens_expiry"`,
      `ALTER INDEX "sso_tokens_expiry" RENAME TO "sso_tokens_expires_at_idx"`,
    );
    expect(drift).toEqual([
      `index (expires_at) on "sso_tokens" is named "sso_tokens_expiry" in the database, schema.prisma expects "sso_tokens_expires_at_idx"`,
    ]);
  });

  it("reports a table that the database has but schema.prisma lacks", async () => {
    const drift = await driftAfter(`CREATE TABLE "stray" ("id" INTEGER)`, `DROP TABLE "stray"`);
    expect(drift).toEqual([`table "stray" exists in the database but not in schema.prisma`]);
  });

  it("reports an enum whose values differ", async () => {
    // Postgres cannot drop an enum value, so the enum is swapped for a shorter copy and back.
    const drift = await driftAfter(
      `ALTER TYPE "StaffRole" RENAME TO "StaffRole_full";
       CREATE TYPE "StaffRole" AS ENUM ('owner', 'admin');
       ALTER TABLE "staff_memberships" ALTER COLUMN "role" TYPE "StaffRole" USING ("role"::text::"StaffRole")`,
      `ALTER TABLE "staff_memberships" ALTER COLUMN "role" TYPE "StaffRole_full" USING ("role"::text::"StaffRole_full");
       DROP TYPE "StaffRole";
       ALTER TYPE "StaffRole_full" RENAME TO "StaffRole"`,
    );
    expect(drift).toEqual(
      expect.arrayContaining([
        `enum "StaffRole": the database has values (owner, admin), schema.prisma has (owner, admin, viewer)`,
        `enum "StaffRole_full" exists in the database but not in schema.prisma`,
      ]),
    );
  });

  it("reports a foreign key whose ON DELETE action differs", async () => {
    const drift = await driftAfter(
      `ALTER TABLE "sso_tokens" DROP CONSTRAINT "sso_tokens_reader_id_fkey";
       ALTER TABLE "sso_tokens" ADD CONSTRAINT "sso_tokens_reader_id_fkey" FOREIGN KEY ("reader_id") REFERENCES "readers"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
      `ALTER TABLE "sso_tokens" DROP CONSTRAINT "sso_tokens_reader_id_fkey";
       ALTER TABLE "sso_tokens" ADD CONSTRAINT "sso_tokens_reader_id_fkey" FOREIGN KEY ("reader_id") REFERENCES "readers"("id") ON DELETE SET NULL ON UPDATE CASCADE`,
    );
    expect(drift).toEqual([
      `foreign key on "sso_tokens" (reader_id): the database has ON DELETE CASCADE, schema.prisma expects ON DELETE SET NULL`,
    ]);
  });

  it("reports a primary key that schema.prisma has but the database lacks", async () => {
    const drift = await driftAfter(
      `ALTER TABLE "rate_limit_buckets" DROP CONSTRAINT "rate_limit_buckets_pkey"`,
      `ALTER TABLE "rate_limit_buckets" ADD CONSTRAINT "rate_limit_buckets_pkey" PRIMARY KEY ("key")`,
    );
    expect(drift).toEqual([`primary key of "rate_limit_buckets" (key) is in schema.prisma but missing from the database`]);
  });

  it("is back in sync after every change was undone", async () => {
    expect(await findSchemaDrift({ connectionString: database.url })).toEqual([]);
  });
});
