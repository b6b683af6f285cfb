// Databases for tests: each run gets a fresh, uniquely named database on a LOCAL server, and
// nothing here will ever connect to a remote one (a mistyped URL must not wipe real data).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { testEnv } from "@/test/test-env";

/** The server a developer machine and CI run: trust auth, default database `postgres`. */
const DEFAULT_LOCAL_SERVER_URL = "postgres://postgres@127.0.0.1:5432/postgres";
const PROBE_TIMEOUT_MS = 2_000;
const LOCAL_HOSTS = new Set(["127.0.0.1", "::1", "localhost"]);
const EMPTY_HOST_MARKER = "empty-host.invalid";

export type FreshDatabase = {
  /** Connection string of the new database (the server URL with its database name replaced). */
  url: string;
  name: string;
  /** Disconnects everyone from the database and drops it. Safe to call twice. */
  drop: () => Promise<void>;
};

/** Throws unless every host the URL names is this machine (loopback or a unix socket path). */
export function assertLocalDatabaseUrl(url: string): void {
  const hosts = hostsOf(url);
  const remote = hosts.filter((host) => !isLocalHost(host));
  if (hosts.length === 0 || remote.length > 0) {
    // Only the host is shown: the URL may carry a password.
    const shown = hosts.length === 0 ? "no host (libpq would fall back to PGHOST)" : remote.join(", ");
    throw new Error(
      `Refusing to run tests against a non-local database (host: ${shown}); tests only use 127.0.0.1, ::1, localhost or a unix socket.`,
    );
  }
}

export async function createFreshDatabase(options: { serverUrl: string; prefix?: string }): Promise<FreshDatabase> {
  assertLocalDatabaseUrl(options.serverUrl);
  const prefix = options.prefix ?? "mss_test";
  // The name is interpolated into SQL, so it may only be a plain lower-case identifier.
  if (!/^[a-z_][a-z0-9_]{0,30}$/.test(prefix)) throw new Error(`Invalid database name prefix: ${prefix}`);
  const name = `${prefix}_${Date.now()}_${randomBytes(4).toString("hex")}`;

  await withServer(options.serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));

  const url = new URL(options.serverUrl);
  url.pathname = `/${name}`;
  const drop = async (): Promise<void> => {
    // FORCE (Postgres 13+) terminates the connections still open on it, e.g. a leaked pool.
    await withServer(options.serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  };
  return { url: url.toString(), name, drop };
}

/**
 * The server tests create their databases on: TEST_DATABASE_URL when set, else the default
 * local Postgres if it answers within ~2 s, else null (callers skip, or fail in CI).
 */
export async function findLocalPostgres(): Promise<string | null> {
  if (testEnv.TEST_DATABASE_URL) {
    assertLocalDatabaseUrl(testEnv.TEST_DATABASE_URL);
    return testEnv.TEST_DATABASE_URL;
  }
  const client = new pg.Client({
    connectionString: DEFAULT_LOCAL_SERVER_URL,
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
    query_timeout: PROBE_TIMEOUT_MS,
  });
  let connected = false;
  try {
    await client.connect();
    connected = true;
    await client.query("SELECT 1");
    return DEFAULT_LOCAL_SERVER_URL;
  } catch {
    return null;
  } finally {
    // end() on a client that never connected can wait forever, so only end a live one.
    if (connected) await client.end().catch(() => {});
  }
}

async function withServer<T>(serverUrl: string, action: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await action(client);
  } finally {
    await client.end();
  }
}

/** Every host node-postgres would connect to: the URL's host list and a `?host=` override. */
function hostsOf(url: string): string[] {
  const parsed = parseUrl(url);
  // `socket:/path/to/dir?db=name` is node-postgres's unix-socket form.
  if (parsed.protocol === "socket:") return [decodeURIComponent(parsed.pathname)];
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    throw new Error(`Refusing to run tests against a non-Postgres URL (${parsed.protocol}).`);
  }
  const hostname = parsed.hostname === EMPTY_HOST_MARKER ? "" : parsed.hostname;
  const hosts = decodeURIComponent(hostname)
    .split(",")
    .map((host) => host.trim())
    .filter(Boolean);
  const override = parsed.searchParams.get("host");
  if (override !== null) hosts.push(...override.split(",").map((host) => host.trim()));
  return hosts;
}

/**
 * WHATWG URL rejects `postgres://user@/db?host=/socket/dir` (no host), which node-postgres
 * accepts; like pg-connection-string, parse it with a stand-in host and treat the host as empty.
 */
function parseUrl(url: string): URL {
  try {
    return new URL(url);
  } catch {
    try {
      if (url.includes("@/")) return new URL(url.replace("@/", `@${EMPTY_HOST_MARKER}/`));
    } catch {
      // Fall through to the error below.
    }
    throw new Error("Refusing to run tests against a database whose URL cannot be parsed.");
  }
}

function isLocalHost(host: string): boolean {
  if (host.startsWith("/")) return true; // a unix-socket directory
  const bare = host.toLowerCase().replace(/^\[(.*)\]$/, "$1"); // IPv6 literals come bracketed
  return LOCAL_HOSTS.has(bare);
}
