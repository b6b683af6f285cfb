// The one reader of the server's process.env. Everything else imports `env` (or a getter) from
// here; the tests' own settings (ports, seeds, the test database server) are test/test-env.ts's.
import { z } from "zod";
import { parseTrustedProxies, type TrustedProxies } from "./http/trusted-proxies";

const hostList = z
  .string()
  .transform((value) => value.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean));

/** "1" / "true" is on; unset, empty, "0" or "false" is off. */
export const flagSchema = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((value) => value === "1" || value === "true");

/** Like `flagSchema`, but unset (or empty) means true. */
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
  /**
   * The SMTP server every instance's outbox worker sends through (lib/mail), e.g.
   * smtp://user:pass@smtp.example:587 or smtps://…:465. Unset: mail waits in the outbox (the
   * server says so at start) until one is configured. The demo and `npm test` run a local catcher.
   */
  SMTP_URL: z.string().url().optional(),
  /** The From of every message unless the organisation or the site sets its own. */
  MAIL_FROM: z.string().min(3).default("multisite-sso <no-reply@localhost>"),
  /** The outbox worker's retry backoff: the first wait (doubling each attempt, capped at MAIL_RETRY_MAX_SECONDS). */
  MAIL_RETRY_BASE_SECONDS: z.coerce.number().min(0).max(3_600).default(10),
  MAIL_RETRY_MAX_SECONDS: z.coerce.number().min(1).max(86_400).default(3_600),
  /** Attempts before a message is dead-lettered (visible to admins, who can retry it). ≈ 15 h at the defaults. */
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(20),
  /** How often an idle worker looks for due mail (a message written by the same instance is sent at once). */
  MAIL_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(2_000),
  /** How often each instance purges expired rows (lib/sso/purge-job.ts). */
  PURGE_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(300),
  /** The seed refuses to run with NODE_ENV=production unless this is set. */
  SEED_ALLOW_PRODUCTION: flagSchema,
  /** `npm run demo` without DATABASE_URL: the embedded Postgres's data directory (default .data/pglite; `memory://` = throw-away). */
  EMBEDDED_DB_DIR: z.string().min(1).optional(),
  /** `npm run demo` without DATABASE_URL: TCP port of the embedded Postgres (0 = any free port). */
  EMBEDDED_DB_PORT: z.coerce.number().int().min(0).max(65535).default(54329),
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
   * Refused: next-auth (v4) must take its URL from each request's Host (one server answers for
   * many hosts, and proxy.ts has already validated the Host against the database). A fixed
   * NEXTAUTH_URL would send every host's sign-in to one of them. (server.mjs sets
   * AUTH_TRUST_HOST, which makes next-auth read the Host.)
   */
  NEXTAUTH_URL: z
    .string()
    .max(0, "Do not set NEXTAUTH_URL: multisite-sso serves many hosts and derives each one's URL from the request")
    .optional(),
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
  /**
   * FOR TESTS AND LOCAL DEVELOPMENT ONLY: hostnames (or literal addresses) a webhook may target
   * although they are loopback or private, and over plain http (README, "Webhooks"). Unset in
   * production: a webhook URL must be https to a public address, checked when it is saved AND
   * at every delivery against the addresses DNS gives (lib/webhooks/webhook-url.ts).
   */
  WEBHOOK_ALLOW_PRIVATE_HOSTS: z
    .string()
    .optional()
    .transform((value) => (value ?? "").split(",").map((h) => h.trim().toLowerCase()).filter((h) => h.length > 0)),
  /** Set by `npm run demo` only: the web view of its local SMTP catcher, linked from that page. */
  DEMO_MAIL_URL: z.string().url().optional(),
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
