// `npm run demo` — the whole product on one machine, with no database server needed:
// Prisma client → database (DATABASE_URL, created when missing; or an embedded Postgres under
// .data/pglite, EMBEDDED_DB_DIR) → migrations → demo data → `next build` (only when sources
// changed) → `next start`. Ctrl+C (or SIGTERM to this process) stops Next, then the embedded
// database (cleanly, so its data is reused next time). The terminal shows the URLs, the
// accounts and failed requests (REQUEST_LOG=errors unless set), not a JSON line per request.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { createServer } from "node:net";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { childProcessEnv, env } from "@/lib/env";
import { isPrismaClientStale } from "./prisma-client-stale";
import { DEFAULT_EMBEDDED_DATA_DIR, EmbeddedPortInUseError, IN_MEMORY, startEmbeddedPostgres } from "@/tooling/db/embedded";
import { ensureDatabaseExists } from "@/tooling/db/ensure-database";
import { isPortOpen } from "./child-server";
import { nextStartCommand } from "./server-command";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = (name: string): string => join(root, "node_modules", ".bin", name);
const say = (line: string): void => console.log(`[demo] ${line}`);

const demoHosts = [
  "news.localhost",
  "sport.localhost",
  "recipes.localhost",
  "daily.localhost",
  "admin.localhost",
  "auth.acme.localhost",
];
const demoAccounts = [
  ["reader@example.com", "reader-password-1", "reader, Acme"],
  ["reader2@example.com", "reader-password-2", "reader, Acme"],
  ["reader@globex.example", "reader-password-3", "reader, Globex"],
  ["admin@acme.example", "admin-password-1", "admin console, Acme"],
  ["admin@globex.example", "admin-password-2", "admin console, Globex"],
] as const;

/** Inputs of `next build`; lib/generated is derived from prisma/schema.prisma, which is listed. */
const buildInputs = ["app", "components", "lib", "proxy.ts", "next.config.js", "package.json", "prisma/schema.prisma"];
const buildInputsIgnored = [join("lib", "generated")];

let child: ChildProcess | undefined;
let stopDatabase: () => Promise<void> = async () => {};
let shuttingDown = false;

async function main(): Promise<number> {
  const started = Date.now();
  say(`pid ${process.pid}: Ctrl+C here, or \`kill ${process.pid}\`, stops the demo and its database cleanly`);
  await assertAppPortFree(env.PORT);

  if (isPrismaClientStale(root)) {
    say("generating the Prisma client (lib/generated/prisma is missing)");
    const code = await run("node", [join(root, "scripts", "prisma-generate.mjs")]);
    if (shuttingDown) return 130;
    if (code !== 0) return fail(`prisma generate failed (exit ${code})`, code);
  }

  const database = await chooseDatabase();
  const databaseUrl = database.url;
  if (shuttingDown) return 130;

  // Imported only now: both load the generated Prisma client, which may have just been created.
  const { applyMigrations } = await import("@/tooling/db/migrate");
  const { seedDemoData } = await import("@/prisma/seed");
  let t = Date.now();
  const migrations = await applyMigrations({ connectionString: databaseUrl, log: (line) => say(`migrate: ${line}`) });
  say(
    `migrations: ${migrations.applied.length} applied, ${migrations.alreadyApplied.length} already applied (${Date.now() - t} ms)`,
  );
  t = Date.now();
  const seeded = await seedDemoData({ connectionString: databaseUrl, port: env.PORT, log: (line) => say(`seed: ${line}`) });
  const callbacks = seeded.callbacksUpdated > 0 ? `; registered callbacks moved to port ${env.PORT}` : "";
  say(`${seeded.created > 0 ? "demo data seeded" : "demo data already present, nothing to seed"}${callbacks} (${Date.now() - t} ms)`);
  if (shuttingDown) return 130;

  const mail = await startDemoMail();
  const childEnv = childProcessEnv({
    ...mail.env,
    ...database.clientEnv,
    DATABASE_URL: databaseUrl,
    REQUEST_LOG: env.REQUEST_LOG ?? "errors",
    DEMO_HOST_INDEX: demoHosts.join(","),
    AUTH_SECRET: env.AUTH_SECRET ?? loadDemoAuthSecret(),
    NEXT_TELEMETRY_DISABLED: "1",
  });
  const reason = await buildReason();
  if (reason) {
    say(`building the app: ${reason}`);
    t = Date.now();
    const code = await run(bin("next"), ["build"], childEnv);
    if (shuttingDown) return 130;
    if (code !== 0) return fail(`next build failed (exit ${code})`, code);
    say(`built in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  } else {
    say("the last build is up to date (.next/BUILD_ID is newer than every source file)");
  }

  const server = nextStartCommand(env.PORT);
  const exit = run(server.command, server.args, childEnv);
  if (await waitForPort(env.PORT, exit)) printWelcome(env.PORT, Date.now() - started, mail.webUrl);
  return exit;
}

/**
 * DATABASE_URL when set (its database created when the server lacks it); otherwise the embedded
 * Postgres, whose clients need settings of their own (`clientEnv`). Also on CI: `npm test`'s
 * demo smoke step runs the README's command there on purpose; the test suite itself never
 * falls back to the embedded database on CI (scripts/test.ts).
 */
async function chooseDatabase(): Promise<{ url: string; clientEnv: Record<string, string> }> {
  if (env.DATABASE_URL) {
    const ensured = await ensureDatabaseExists(env.DATABASE_URL);
    if (ensured.action === "created") say(`created the database "${ensured.name}" (it did not exist; CREATE DATABASE from "${ensured.via}")`);
    say(`using the database from DATABASE_URL: ${describeUrl(env.DATABASE_URL)}`);
    return { url: env.DATABASE_URL, clientEnv: {} };
  }
  const t = Date.now();
  const dataDir = env.EMBEDDED_DB_DIR ?? DEFAULT_EMBEDDED_DATA_DIR;
  try {
    const embedded = await startEmbeddedPostgres({ dataDir, port: env.EMBEDDED_DB_PORT });
    stopDatabase = embedded.stop;
    const where = dataDir === IN_MEMORY ? "in memory (gone when the demo stops)" : `in ${dataDir.startsWith(root) ? relative(root, dataDir) : dataDir}/`;
    say(
      `DATABASE_URL is not set: started an embedded Postgres (PGlite) on 127.0.0.1:${embedded.port}, ` +
        `data ${where} (${Date.now() - t} ms). ` +
        `While the demo runs: psql -h 127.0.0.1 -p ${embedded.port} -U postgres postgres`,
    );
    return { url: embedded.url, clientEnv: embedded.clientEnv };
  } catch (error) {
    if (error instanceof EmbeddedPortInUseError) {
      throw new Error(
        `${error.message}. Stop whatever uses it (another \`npm run demo\`?), set EMBEDDED_DB_PORT to another port (0 = any free port), or set DATABASE_URL.`,
      );
    }
    throw error;
  }
}

/** host:port/database and the user, never the password. */
function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.username || "(default user)"}@${u.host || "(local socket)"}${u.pathname || "/"}`;
  } catch {
    return "(unparseable URL)";
  }
}

/** Why `next build` must run, or undefined when .next/BUILD_ID is newer than all its inputs. */
async function buildReason(): Promise<string | undefined> {
  const builtAt = await mtime(join(root, ".next", "BUILD_ID"));
  if (builtAt === undefined) return "no previous build (.next/BUILD_ID is missing)";
  const changed: string[] = [];
  for (const input of buildInputs) await collectNewer(join(root, input), builtAt, changed);
  if (changed.length === 0) return undefined;
  const shown = changed.slice(0, 3).map((file) => relative(root, file)).join(", ");
  return `changed since the last build: ${shown}${changed.length > 3 ? ` and ${changed.length - 3} more` : ""}`;
}

async function collectNewer(path: string, since: number, into: string[]): Promise<void> {
  if (buildInputsIgnored.some((ignored) => path === join(root, ignored))) return;
  const info = await stat(path).catch(() => undefined);
  if (!info) return;
  if (!info.isDirectory()) {
    if (info.mtimeMs > since) into.push(path);
    return;
  }
  for (const entry of await readdir(path)) await collectNewer(join(path, entry), since, into);
}

async function mtime(path: string): Promise<number | undefined> {
  return (await stat(path).catch(() => undefined))?.mtimeMs;
}

/** Fails before the slow steps rather than after a build, when Next would find the port taken. */
async function assertAppPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new Error(`Port ${port} is already in use; set PORT to a free port`) : error),
    );
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

/** Resolves true once something accepts connections on the port, false if `exited` settles first. */
async function waitForPort(port: number, exited: Promise<number>): Promise<boolean> {
  let done = false;
  void exited.then(() => (done = true));
  const deadline = Date.now() + 60_000;
  while (!done && Date.now() < deadline) {
    if (await isPortOpen(port)) return !done;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

/**
 * SMTP_URL when set; otherwise a local SMTP server that keeps every message and shows it on a
 * web page (scripts/mail/catcher.ts), so a newcomer can open the links the demo mails — on
 * maildev's usual ports when they are free, else on any.
 */
async function startDemoMail(): Promise<{ env: Record<string, string>; webUrl: string | null }> {
  if (env.SMTP_URL) return { env: {}, webUrl: null };
  const { startMailCatcher } = await import("./mail/catcher");
  const catcher = await startMailCatcher({ smtpPort: 1025, webPort: 1080 }).catch(() => startMailCatcher());
  say(`mail: a local SMTP server catches what the demo sends (${catcher.smtpUrl}); read it at ${catcher.webUrl}`);
  return { env: { SMTP_URL: catcher.smtpUrl, DEMO_MAIL_URL: catcher.webUrl }, webUrl: catcher.webUrl };
}

function printWelcome(port: number, elapsedMs: number, mailUrl: string | null): void {
  const lines = [
    "",
    `multisite-sso demo is running (ready in ${(elapsedMs / 1000).toFixed(1)} s). Open:`,
    ...demoHosts.map((host) => `  http://${host}:${port}`),
    "",
    `  (http://localhost:${port} lists these too)`,
    "",
    ...(mailUrl ? [`Mail the demo sends (verification, password reset, sign-in links): ${mailUrl}`, ""] : []),
    "Demo accounts (email / password):",
    ...demoAccounts.map(([email, password, what]) => `  ${email.padEnd(24)} ${password.padEnd(19)} ${what}`),
    "",
    "Failed requests (4xx/5xx) are shown below, one line each (REQUEST_LOG=json for every request as JSON).",
    "Press Ctrl+C to stop.",
    "",
  ];
  console.log(lines.join("\n"));
}

/** Runs a command with inherited stdio; resolves with its exit code (128 + signal number when killed). */
function run(command: string, args: string[], childEnv?: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const proc = spawn(command, args, { cwd: root, stdio: "inherit", env: childEnv });
    child = proc;
    proc.once("error", (error) => {
      console.error(`[demo] could not run ${command}: ${error.message}`);
      resolve(1);
    });
    proc.once("exit", (code, signal) => {
      if (child === proc) child = undefined;
      resolve(code ?? (signal ? 128 + signalNumber(signal) : 1));
    });
  });
}

function signalNumber(signal: NodeJS.Signals): number {
  return signal === "SIGINT" ? 2 : signal === "SIGTERM" ? 15 : signal === "SIGKILL" ? 9 : 1;
}

function fail(message: string, code: number): number {
  console.error(`[demo] ${message}`);
  return code === 0 ? 1 : code;
}

// A running child gets the signal and main() finishes when it exits; between children
// (e.g. while migrating), main() checks `shuttingDown` and stops after the current step.
// A second signal with no child to wait for exits at once: PGlite recovers from its WAL.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (child && child.exitCode === null) {
      shuttingDown = true;
      child.kill(signal);
      return;
    }
    if (shuttingDown) process.exit(128 + signalNumber(signal));
    shuttingDown = true;
    say("stopping after the current step (signal again to quit now)");
  });
}

let exitCode: number;
try {
  exitCode = await main();
} catch (error) {
  console.error(`[demo] ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
}
try {
  await stopDatabase();
} catch (error) {
  console.error(`[demo] stopping the embedded database failed: ${error instanceof Error ? error.message : String(error)}`);
}
say(`stopped (exit code ${exitCode})`);
process.exit(exitCode);

/** The demo's next-auth secret, generated once and kept with the demo data (git-ignored). */
function loadDemoAuthSecret(): string {
  const file = join(root, ".data", "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
