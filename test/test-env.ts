// The one reader of the tests' own settings (the test runner, Playwright, the HTTP and
// property-based tests, the test-database tooling). The server's settings are lib/env.ts's:
// nothing here is read by code that is served.
import { z } from "zod";
import { flagSchema } from "@/lib/env";

const testEnvSchema = z.object({
  /** A local Postgres server to create fresh databases on (default: one on 127.0.0.1:5432, tooling/db/test-database.ts). */
  TEST_DATABASE_URL: z.string().url().optional(),
  /** Port of the server the Playwright suite starts (`next start`). */
  E2E_PORT: z.coerce.number().int().min(1).max(65535).default(3100),
  /** Set by `npm test`: the web view of the run's mail catcher, where tests read the mail the flows send. */
  MAIL_CATCHER_URL: z.string().url().optional(),
  /** Set by `npm test` for the HTTP-level tests: the port of the `next start` they talk to. */
  TEST_APP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Property-based HTTP tests (test/reliability): the fast-check seed (printed by every run), and a multiplier of their case counts. */
  FUZZ_SEED: z.coerce.number().int().optional(),
  FUZZ_RUNS: z.coerce.number().min(0.01).max(100).default(1),
  /** Chromium for Playwright when its own browser is not installed (default: /usr/bin/chromium). */
  CHROMIUM_PATH: z.string().optional(),
  /** Set by CI runners; `npm test` on CI never falls back to the embedded database (the demo smoke step uses it on purpose). */
  CI: flagSchema,
});

export type TestEnv = z.infer<typeof testEnvSchema>;

function parseTestEnv(source: Record<string, string | undefined>): TestEnv {
  const parsed = testEnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid test environment: ${problems}`);
  }
  return parsed.data;
}

export const testEnv: TestEnv = parseTestEnv(process.env);

