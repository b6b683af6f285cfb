// `npm run demo` on a real Postgres: the README's `DATABASE_URL=postgres://…/multisite_sso`
// names a database a fresh server does not have. Create it when the user may (through the
// server's maintenance database), else say exactly what to run. Never drops or alters anything.
import pg from "pg";

export type EnsureDatabaseResult = { action: "existed"; name: string } | { action: "created"; name: string; via: string };

/** Where CREATE DATABASE can be run from: every server has `postgres`, and `template1` when that was dropped. */
const MAINTENANCE_DATABASES = ["postgres", "template1"];
const CONNECT_TIMEOUT_MS = 5_000;

export class DatabaseMissingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseMissingError";
  }
}

export async function ensureDatabaseExists(url: string): Promise<EnsureDatabaseResult> {
  const name = databaseNameOf(url);
  const firstTry = await tryConnect(url);
  if (!firstTry) return { action: "existed", name };
  if (firstTry.code !== "3D000") throw firstTry; // 3D000 invalid_catalog_name: "database … does not exist"

  let lastProblem = "";
  for (const maintenance of MAINTENANCE_DATABASES) {
    const client = new pg.Client({ connectionString: withDatabase(url, maintenance), connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    try {
      await client.connect();
    } catch (error) {
      lastProblem = messageOf(error);
      await client.end().catch(() => {});
      continue;
    }
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      return { action: "created", name, via: maintenance };
    } catch (error) {
      // 42P04 duplicate_database: someone created it meanwhile (another demo starting).
      if ((error as { code?: string }).code === "42P04") return { action: "existed", name };
      lastProblem = messageOf(error);
      break;
    } finally {
      await client.end().catch(() => {});
    }
  }
  throw new DatabaseMissingError(
    `Database "${name}" does not exist and could not be created (${lastProblem}); create it with: ${createCommand(url, name)} — then run the demo again.`,
  );
}

/** The shell command that creates the database, with the URL's host, port and user (never its password). */
export function createCommand(url: string, name: string): string {
  const u = new URL(url);
  const options = [
    u.hostname ? `-h ${shellWord(decodeURIComponent(u.hostname).replace(/^\[|\]$/g, ""))}` : "",
    u.port ? `-p ${u.port}` : "",
    u.username ? `-U ${shellWord(decodeURIComponent(u.username))}` : "",
  ].filter(Boolean);
  return ["createdb", ...options, shellWord(name)].join(" ");
}

function databaseNameOf(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  if (!name) throw new DatabaseMissingError("DATABASE_URL names no database (postgres://user@host:5432/<database>)");
  return name;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** undefined when the database answers; the driver's error otherwise. */
async function tryConnect(url: string): Promise<(Error & { code?: string }) | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  try {
    await client.connect();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  } finally {
    await client.end().catch(() => {});
  }
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ");
}

function shellWord(word: string): string {
  return /^[\w.@%+=:,/-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
