// Runs before every test file: tests may only ever touch a local database.
import { env } from "@/lib/env";
import { assertLocalDatabaseUrl } from "@/lib/db/test-database";

if (env.DATABASE_URL) assertLocalDatabaseUrl(env.DATABASE_URL);
if (env.TEST_DATABASE_URL) assertLocalDatabaseUrl(env.TEST_DATABASE_URL);
