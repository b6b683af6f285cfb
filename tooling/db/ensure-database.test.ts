// The README's real-Postgres demo command names a database a fresh server lacks: the demo
// creates it when it may, else says in one line exactly what to run.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findLocalPostgres } from "./test-database";
import { createCommand, DatabaseMissingError, ensureDatabaseExists } from "./ensure-database";

let serverUrl: string | null = null;
const cleanups: string[] = [];

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl as string });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function urlFor(database: string, user?: string): string {
  const url = new URL(serverUrl as string);
  url.pathname = `/${database}`;
  if (user) url.username = user;
  return url.toString();
}

beforeAll(async () => {
  serverUrl = await findLocalPostgres();
});

afterAll(async () => {
  for (const sql of cleanups.reverse()) await onServer(sql).catch(() => {});
});

// These need a real server (they create databases and a role): skipped on the embedded fallback.
describe("ensureDatabaseExists (a real Postgres server)", () => {
  it("creates the database the URL names when the server does not have it, and says so", async (context) => {
    if (!serverUrl) context.skip();
    const name = `mss_ensure_${randomBytes(4).toString("hex")}`;
    cleanups.push(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    expect(await ensureDatabaseExists(urlFor(name))).toEqual({ action: "created", name, via: "postgres" });
    // It exists now: a second start leaves it alone.
    expect(await ensureDatabaseExists(urlFor(name))).toEqual({ action: "existed", name });
  });

  it("when the user may not create databases: one line naming the exact command to run", async (context) => {
    if (!serverUrl) context.skip();
    const role = `mss_ensure_role_${randomBytes(4).toString("hex")}`;
    const name = `mss_ensure_${randomBytes(4).toString("hex")}`;
    await onServer(`CREATE ROLE ${role} LOGIN NOCREATEDB`);
    cleanups.push(`DROP ROLE IF EXISTS ${role}`);
    const error = await ensureDatabaseExists(urlFor(name, role)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseMissingError);
    const message = (error as Error).message;
    expect(message).not.toContain("\n");
    expect(message).toContain(`Database "${name}" does not exist`);
    expect(message).toContain(createCommand(urlFor(name, role), name));
    expect(message).toMatch(/permission denied/);
  });
});

describe("createCommand", () => {
  it("names host, port, user and database, never the password", () => {
    expect(createCommand("postgres://me:secret@db.example:6543/multisite_sso", "multisite_sso")).toBe("createdb -h db.example -p 6543 -U me multisite_sso");
    expect(createCommand("postgres://me:secret@db.example/odd name", "odd name")).toBe("createdb -h db.example -U me 'odd name'");
  });
});
