// The one reader of process.env. Everything else imports `env` (or a getter) from here.
import { z } from "zod";

const hostList = z
  .string()
  .transform((value) => value.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean));

const flag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((value) => value === "1" || value === "true");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Postgres connection string. Unset for the demo: it starts an embedded Postgres. */
  DATABASE_URL: z.string().url().optional(),
  /** Tests: a local Postgres server to create fresh databases on. */
  TEST_DATABASE_URL: z.string().url().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Hosts (no port) that serve the admin console. */
  ADMIN_HOSTS: hostList.default(["admin.localhost"]),
  /** How long one instance trusts its copy of the host → site/organisation mapping. */
  HOST_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  /** Size of each instance's Postgres connection pool. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** The seed refuses to run with NODE_ENV=production unless this is set. */
  SEED_ALLOW_PRODUCTION: flag,
  /** Set by CI runners; CI never falls back to the embedded database. */
  CI: flag,
});

export type Env = z.infer<typeof envSchema>;

function parseEnv(source: NodeJS.ProcessEnv): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  return parsed.data;
}

export const env: Env = parseEnv(process.env);

export function getDatabaseUrl(): string {
  if (!env.DATABASE_URL) {
    throw new Error("DATABASE_URL is not set (npm run demo starts an embedded Postgres and sets it)");
  }
  return env.DATABASE_URL;
}

/** For tests of the env rules themselves. */
export { parseEnv as parseEnvForTest };
