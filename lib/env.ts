// The one reader of process.env. Everything else imports `env` (or a getter) from here.
import { z } from "zod";
import { parseTrustedProxies, type TrustedProxies } from "./http/trusted-proxies";

const hostList = z
  .string()
  .transform((value) => value.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean));

const flag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((value) => value === "1" || value === "true");

/** Like `flag`, but unset (or empty) means true. */
const flagDefaultTrue = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((value) => value !== "0" && value !== "false");

/** TRUSTED_PROXIES: "" / "none" (default) | a hop count | comma-separated addresses and CIDR ranges (lib/http/trusted-proxies.ts). */
const trustedProxies = z
  .string()
  .default("")
  .transform((value, context): TrustedProxies => {
    const parsed = parseTrustedProxies(value);
    if ("error" in parsed) {
      context.addIssue({ code: "custom", message: parsed.error });
      return z.NEVER;
    }
    return parsed;
  });

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
  /**
   * How long a request waits for a database connection (a new one, or a free one from the pool)
   * before it answers 503: an unreachable database must not hold requests for long.
   */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /** How long one query waits for the database's answer before the request answers 503 (a hung database or network). */
  DATABASE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /**
   * Hot-path statements as NAMED prepared statements (parsed and planned once per connection,
   * lib/db/prepared.ts). `false` sends them unnamed (parsed every time): needed wherever a
   * server-side session is not one client connection — the embedded database (many client
   * connections multiplexed onto PGlite's one backend; the demo and the test runner set it) or
   * PgBouncer in transaction pooling without prepared-statement support.
   */
  DATABASE_PREPARED_STATEMENTS: flagDefaultTrue,
  /** How often each instance purges expired rows (lib/sso/purge-job.ts). */
  PURGE_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(300),
  /** The seed refuses to run with NODE_ENV=production unless this is set. */
  SEED_ALLOW_PRODUCTION: flag,
  /** `npm run demo` without DATABASE_URL: the embedded Postgres's data directory (default .data/pglite; `memory://` = throw-away). */
  EMBEDDED_DB_DIR: z.string().min(1).optional(),
  /** `npm run demo` without DATABASE_URL: TCP port of the embedded Postgres (0 = any free port). */
  EMBEDDED_DB_PORT: z.coerce.number().int().min(0).max(65535).default(54329),
  /** Port of the server the Playwright suite starts (`next start`). */
  E2E_PORT: z.coerce.number().int().min(1).max(65535).default(3100),
  /**
   * `https`: the Playwright suite runs against a TLS load balancer that is already up (`npm run
   * topology` starts one on E2E_PORT=443) and starts no server of its own. Default `http`.
   */
  E2E_SCHEME: z.enum(["http", "https"]).default("http"),
  /** Base64 SHA-256 hashes of server keys Chromium accepts (--ignore-certificate-errors-spki-list): the topology's own certificate. */
  E2E_SPKI_PINS: z.string().regex(/^[A-Za-z0-9+/=,]+$/).optional(),
  /** Set by `npm test` for the HTTP-level tests: the port of the `next start` they talk to. */
  TEST_APP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** `npm run bench` only: serve the constant-JSON baseline route on every site (else it answers 404). */
  BENCH_ENDPOINTS: flag,
  /** Property-based HTTP tests (test/reliability): the fast-check seed (printed by every run), and a multiplier of their case counts. */
  FUZZ_SEED: z.coerce.number().int().optional(),
  FUZZ_RUNS: z.coerce.number().min(0.01).max(100).default(1),
  /** Chromium for Playwright when its own browser is not installed (default: /usr/bin/chromium). */
  CHROMIUM_PATH: z.string().optional(),
  /**
   * Secure cookies (lib/http/cookies.ts): "auto" marks them Secure (with the __Host- prefix) in
   * production, under https (a trusted proxy's X-Forwarded-Proto) and on *.localhost, where
   * browsers allow Secure cookies over plain http; elsewhere (development over http on a real
   * name) not. "always" / "never" force it.
   */
  COOKIE_SECURE: z.enum(["auto", "always", "never"]).default("auto"),
  /**
   * Which peers may speak for the client in X-Forwarded-For / X-Forwarded-Proto (README,
   * "Configuration"): nobody by default — the socket's peer is the client, whatever it sends.
   */
  TRUSTED_PROXIES: trustedProxies,
  /** Strict-Transport-Security max-age on answers served over https (0: no header). Default 180 days. */
  HSTS_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(63_072_000).default(15_552_000),
  /**
   * Read by server.mjs: this instance's name, sent as X-Instance-Id on every answer (unset: no
   * header). `npm run topology` names its instances to count where each handshake hop landed.
   */
  INSTANCE_ID: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, "letters, digits, . _ - (at most 64)").optional(),
  /** Set by server.mjs (the only supported way to run the server): it appends the socket's peer to X-Forwarded-For. */
  MSS_SERVER_ENTRY: z.string().optional(),
  /**
   * Signs next-auth's CSRF and session cookies (≥ 32 characters). Required by the server; the
   * demo generates one into .data/auth-secret, the test runner one per run.
   */
  AUTH_SECRET: z.string().min(32).optional(),
  /**
   * Bearer token for GET /api/metrics (Prometheus), at least 16 characters. Unset: the
   * endpoint answers 404, as if it did not exist.
   */
  METRICS_TOKEN: z.string().min(16).optional(),
  /**
   * `json` (the default, for log shippers): one JSON line per request on stdout (README,
   * "Operations"); `errors`: one short human-readable line per request answered 4xx/5xx and
   * nothing for the rest (what `npm run demo` uses unless REQUEST_LOG is set); `off`: none.
   * Unset here so the demo can tell "not set" from "json": read it through requestLogFormat().
   */
  REQUEST_LOG: z.enum(["json", "errors", "off"]).optional(),
  /**
   * Set by `npm run demo` only: the demo's hosts, listed (as links) by a page that answers
   * http://localhost:<port> and http://127.0.0.1:<port>, where a deployment answers unknown_host.
   */
  DEMO_HOST_INDEX: hostList.optional(),
  /** Set by CI runners; `npm test` on CI never falls back to the embedded database (the demo smoke step uses it on purpose). */
  CI: flag,
});

export type Env = z.infer<typeof envSchema>;

// Not NodeJS.ProcessEnv: Next's types make NODE_ENV required there, which tests passing `{}` cannot satisfy.
function parseEnv(source: Record<string, string | undefined>): Env {
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

export function requestLogFormat(): "json" | "errors" | "off" {
  return env.REQUEST_LOG ?? "json";
}

export function getAuthSecret(): string {
  if (!env.AUTH_SECRET) throw new Error("AUTH_SECRET is not set (at least 32 random characters; `openssl rand -base64 32`)");
  return env.AUTH_SECRET;
}

/** The environment for a child process (`npm run demo` starting `next`): ours plus `overrides`. */
export function childProcessEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}

/** For tests of the env rules themselves. */
export { parseEnv as parseEnvForTest };

// next-auth (v4) must take its URL from each request's Host: one server answers for many
// hosts, and proxy.ts has already validated the Host against the database. A fixed
// NEXTAUTH_URL would send every host's sign-in to one of them, so it is refused.
if (process.env.NEXTAUTH_URL) throw new Error("Do not set NEXTAUTH_URL: multisite-sso serves many hosts and derives each one's URL from the request");
process.env.AUTH_TRUST_HOST = "true";
