// `npm run db:migrate` — apply the pending SQL migrations in prisma/migrations to DATABASE_URL
// (our stand-in for `prisma migrate deploy`, whose engine cannot be downloaded here).
import { getDatabaseUrl } from "@/lib/env";
import { applyMigrations } from "@/tooling/db/migrate";

/** The URL without its password, for logs. */
function describeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

/** Drivers rarely echo the URL in errors, but a message must never carry the password. */
function redact(message: string, url: string): string {
  let password = "";
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    // An unparseable URL has no password to hide.
  }
  return password ? message.split(password).join("***") : message;
}

let url = "";
try {
  url = getDatabaseUrl();
  console.log(`migrating ${describeTarget(url)}`);
  const result = await applyMigrations({ connectionString: url, log: (line) => console.log(`  ${line}`) });
  for (const name of result.alreadyApplied) console.log(`  already applied ${name}`);
  console.log(`migrations: ${result.applied.length} applied, ${result.alreadyApplied.length} already applied`);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`migrate failed: ${redact(message, url)}`);
  process.exit(1);
}
