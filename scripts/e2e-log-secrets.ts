// The step of `npm test` after Playwright: no secret in any line the e2e server wrote (design §2:
// secrets are sent to the browser once and stored only as hashes). The browsers recorded every
// secret they handled (e2e/support/base-test.ts); each is searched for in the server's whole
// output, and every secret-shaped token of that output is looked up among the hashes Postgres
// stores (so a product secret no browser saw cannot hide either). Runs after the server has
// stopped, so its log is complete, and before the test database is dropped.
import { existsSync, readFileSync } from "node:fs";
import pg from "pg";
import { E2E_SECRETS_FILE, E2E_SERVER_LOG } from "@/e2e/support/log-files";
import { scanLogForSecrets, storedSecretsInLog, type Finding, type RecordedSecret } from "@/test/reliability/support/log-secret-scan";

/** Below these the check would prove nothing: the recording or the request log did not work. */
const MIN_SECRETS = 20;
const REQUIRED_KINDS = ["cookie", "ott", "password"];

export type StoredHashLookup = (hashes: Buffer[]) => Promise<Set<string>>;

export type E2eLogCheck = { ok: boolean; problems: string[]; leaked: Finding[]; figures: Record<string, unknown> };

function readRecordedSecrets(file: string): RecordedSecret[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as RecordedSecret);
}

/** Which of these SHA-256 hashes are stored secrets (site sessions, SSO tokens, OTTs and states, client secrets, API tokens). */
export function storedHashLookup(databaseUrl: string): StoredHashLookup {
  return async (hashes) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ hex: string }>(
        `SELECT encode(h, 'hex') AS hex FROM (
           SELECT secret_hash AS h FROM site_sessions WHERE secret_hash = ANY($1::bytea[])
           UNION SELECT secret_hash FROM sso_tokens WHERE secret_hash = ANY($1::bytea[])
           UNION SELECT token_hash FROM one_time_tokens WHERE token_hash = ANY($1::bytea[])
           UNION SELECT state_hash FROM one_time_tokens WHERE state_hash = ANY($1::bytea[])
           UNION SELECT secret_hash FROM site_clients WHERE secret_hash = ANY($1::bytea[])
           UNION SELECT previous_secret_hash FROM site_clients WHERE previous_secret_hash = ANY($1::bytea[])
           UNION SELECT token_hash FROM api_tokens WHERE token_hash = ANY($1::bytea[])
         ) stored`,
        [hashes],
      );
      return new Set(rows.map((row) => row.hex));
    } finally {
      await client.end();
    }
  };
}

export async function checkE2eLogSecrets(options: { logFile?: string; secretsFile?: string; isStored: StoredHashLookup }): Promise<E2eLogCheck> {
  const logFile = options.logFile ?? E2E_SERVER_LOG;
  const problems: string[] = [];
  if (!existsSync(logFile)) problems.push(`no server log at ${logFile}`);
  const log = existsSync(logFile) ? readFileSync(logFile, "utf8") : "";
  const requestLines = log.split("\n").filter((line) => line.includes('"msg":"request"')).length;
  const secrets = readRecordedSecrets(options.secretsFile ?? E2E_SECRETS_FILE);
  const scan = scanLogForSecrets({ log, secrets });
  const stored = await storedSecretsInLog(log, options.isStored);

  if (requestLines === 0) problems.push("the server log has no request lines (REQUEST_LOG off?): nothing was checked");
  if (scan.secretsChecked < MIN_SECRETS) problems.push(`only ${scan.secretsChecked} secrets were recorded (at least ${MIN_SECRETS} expected): the recording did not work`);
  for (const kind of REQUIRED_KINDS) if (!scan.byKind[kind]) problems.push(`no secret of kind "${kind}" was recorded`);
  const leaked = [...scan.leaked, ...stored.leaked];
  if (leaked.length > 0) problems.push(`${leaked.length} secret(s) found in the server's log`);
  return {
    ok: problems.length === 0,
    problems,
    leaked,
    figures: { secretsChecked: scan.secretsChecked, byKind: scan.byKind, logLines: scan.logLines, requestLines, logBytes: scan.logBytes, secretShapedTokensChecked: stored.tokensChecked, leaked: leaked.length },
  };
}

/** Prints the outcome; the exit code for scripts/test.ts (0: clean). */
export async function runE2eLogSecretCheck(databaseUrl: string): Promise<number> {
  const result = await checkE2eLogSecrets({ isStored: storedHashLookup(databaseUrl) });
  const f = result.figures;
  console.log(`checked ${String(f.secretsChecked)} recorded secrets ${JSON.stringify(f.byKind)} and ${String(f.secretShapedTokensChecked)} secret-shaped tokens against ${String(f.logLines)} log lines (${String(f.requestLines)} request lines, ${String(f.logBytes)} bytes) of ${E2E_SERVER_LOG}`);
  for (const finding of result.leaked) console.log(`  LEAK: ${finding.kind} ${finding.shown} on line ${finding.line}`);
  for (const problem of result.problems) console.log(`  FAIL: ${problem}`);
  if (result.ok) console.log("no secret in the e2e server's log");
  return result.ok ? 0 : 1;
}
