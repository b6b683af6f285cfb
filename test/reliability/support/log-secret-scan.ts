// "No secret in any log line" as a check that can be run on any server log: every secret a
// client handled (cookie values, OTTs and states from URLs, passwords, CSRF tokens) is searched
// for in the log as sent and in the forms a log line could carry it (percent-encoded, form-encoded,
// JSON-escaped); and every secret-shaped token in the log (43 base64url characters: the shape of
// every product secret) can be hashed and looked up among the hashes Postgres stores, which
// catches a product secret the recording client never saw. Findings never print the secret.
import { createHash } from "node:crypto";

export type RecordedSecret = { kind: string; value: string };
export type Finding = { kind: string; line: number; shown: string };
export type ScanReport = {
  secretsChecked: number;
  byKind: Record<string, number>;
  logLines: number;
  logBytes: number;
  leaked: Finding[];
};

/** Shorter values are not secrets of ours and would match by chance. */
export const MIN_SECRET_LENGTH = 8;
const SECRET_SHAPE = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;
/** API tokens carry a prefix before their 43 characters (lib/admin/api-tokens.ts); the whole token is what is hashed. */
const API_TOKEN_SHAPE = /mss_pat_[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;

/** A secret as the finding may show it: its kind, length and first characters only. */
function redact(value: string): string {
  return `${value.slice(0, 4)}… (${value.length} characters)`;
}

/** The forms in which a value can appear in a log line. */
function encodings(value: string): string[] {
  const forms = new Set([value, encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2), JSON.stringify(value).slice(1, -1)]);
  return [...forms];
}

export function scanLogForSecrets(options: { log: string; secrets: Iterable<RecordedSecret> }): ScanReport {
  const unique = new Map<string, string>();
  for (const { kind, value } of options.secrets) if (value.length >= MIN_SECRET_LENGTH && !unique.has(value)) unique.set(value, kind);
  const byKind: Record<string, number> = {};
  for (const kind of unique.values()) byKind[kind] = (byKind[kind] ?? 0) + 1;
  const lines = options.log.split("\n");
  const leaked: Finding[] = [];
  for (const [value, kind] of unique) {
    const forms = encodings(value);
    if (!forms.some((form) => options.log.includes(form))) continue;
    const line = lines.findIndex((text) => forms.some((form) => text.includes(form)));
    leaked.push({ kind, line: line + 1, shown: redact(value) });
  }
  return { secretsChecked: unique.size, byKind, logLines: lines.length, logBytes: Buffer.byteLength(options.log), leaked };
}

/** Every distinct secret-shaped token in the log, with its SHA-256 (how Postgres stores our secrets). */
function secretShapedTokens(log: string): { token: string; hash: Buffer }[] {
  const tokens = new Set([...(log.match(SECRET_SHAPE) ?? []), ...(log.match(API_TOKEN_SHAPE) ?? [])]);
  return [...tokens].map((token) => ({ token, hash: createHash("sha256").update(token, "utf8").digest() }));
}

/** The secret-shaped tokens of the log that ARE stored secrets (`isStored` answers which hashes the database holds). */
export async function storedSecretsInLog(log: string, isStored: (hashes: Buffer[]) => Promise<Set<string>>): Promise<{ tokensChecked: number; leaked: Finding[] }> {
  const tokens = secretShapedTokens(log);
  const stored = tokens.length === 0 ? new Set<string>() : await isStored(tokens.map((t) => t.hash));
  const lines = log.split("\n");
  const leaked = tokens
    .filter((t) => stored.has(t.hash.toString("hex")))
    .map((t) => ({ kind: "stored secret (hash match)", line: lines.findIndex((text) => text.includes(t.token)) + 1, shown: redact(t.token) }));
  return { tokensChecked: tokens.length, leaked };
}
