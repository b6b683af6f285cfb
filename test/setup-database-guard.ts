// Runs before every test file: tests may only ever touch a local database.
import { env } from "@/lib/env";
import { testEnv } from "@/test/test-env";
import { assertLocalDatabaseUrl } from "@/tooling/db/test-database";

if (env.DATABASE_URL) assertLocalDatabaseUrl(env.DATABASE_URL);
if (testEnv.TEST_DATABASE_URL) assertLocalDatabaseUrl(testEnv.TEST_DATABASE_URL);
