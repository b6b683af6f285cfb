// The e2e log check can fail: a secret planted in a log — as sent, percent-encoded, JSON-escaped,
// or a product secret no browser recorded but whose hash Postgres holds — is found, named by its
// kind and line, and never printed; a log with no request lines or too few recorded secrets fails
// too (the check would have proved nothing).
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scanLogForSecrets, storedSecretsInLog, type RecordedSecret } from "@/test/reliability/support/log-secret-scan";
import { checkE2eLogSecrets, type StoredHashLookup } from "./e2e-log-secrets";

const secret = () => randomBytes(32).toString("base64url");
const requestLine = (extra = "") => `{"ts":"2026-11-22T10:00:00.000Z","level":"info","msg":"request","host":"news.localhost","route":"/api/sso/status","status":200${extra}}`;
const nothingStored: StoredHashLookup = async () => new Set();

function manySecrets(): RecordedSecret[] {
  return [
    ...Array.from({ length: 20 }, () => ({ kind: "cookie", value: secret() })),
    { kind: "ott", value: secret() },
    { kind: "password", value: "correct horse & battery \"staple\"" },
  ];
}

function files(log: string, secrets: RecordedSecret[]) {
  const dir = mkdtempSync(join(tmpdir(), "e2e-log-secrets-"));
  const logFile = join(dir, "server.log");
  const secretsFile = join(dir, "secrets.jsonl");
  writeFileSync(logFile, log);
  writeFileSync(secretsFile, secrets.map((s) => JSON.stringify(s)).join("\n"));
  return { logFile, secretsFile };
}

describe("scanLogForSecrets", () => {
  it("finds a planted secret as sent, percent-encoded, form-encoded and JSON-escaped, names its kind and line, and never prints it", () => {
    const ott = secret();
    const password = 'pa ss/w&rd "quoted" é';
    const secrets = [{ kind: "ott", value: ott }, { kind: "password", value: password }, { kind: "cookie", value: secret() }];
    for (const planted of [ott, encodeURIComponent(password), new URLSearchParams({ p: password }).toString().slice(2), JSON.stringify(password).slice(1, -1)]) {
      const log = [requestLine(), requestLine(`,"oops":"${planted}"`), requestLine()].join("\n");
      const report = scanLogForSecrets({ log, secrets });
      expect(report.leaked, planted).toHaveLength(1);
      expect(report.leaked[0]?.line).toBe(2);
      expect(JSON.stringify(report.leaked)).not.toContain(planted === ott ? ott : password);
    }
  });

  it("a clean log has no findings; values too short to be secrets are not searched for", () => {
    const report = scanLogForSecrets({ log: [requestLine(), requestLine()].join("\n"), secrets: [{ kind: "cookie", value: secret() }, { kind: "password", value: "200" }] });
    expect(report).toMatchObject({ secretsChecked: 1, leaked: [], logLines: 2 });
  });
});

describe("storedSecretsInLog", () => {
  it("finds a secret-shaped token whose SHA-256 the database stores, even though no browser recorded it", async () => {
    const stored = secret();
    const unrelated = secret();
    const isStored: StoredHashLookup = async (hashes) => {
      const known = createHash("sha256").update(stored).digest("hex");
      return new Set(hashes.map((h) => h.toString("hex")).filter((hex) => hex === known));
    };
    const result = await storedSecretsInLog([requestLine(`,"x":"${unrelated}"`), requestLine(`,"y":"${stored}"`)].join("\n"), isStored);
    expect(result.tokensChecked).toBe(2);
    expect(result.leaked).toEqual([{ kind: "stored secret (hash match)", line: 2, shown: expect.not.stringContaining(stored) }]);
  });
});

describe("checkE2eLogSecrets", () => {
  it("passes a clean log with request lines and enough recorded secrets of every kind", async () => {
    const { logFile, secretsFile } = files([requestLine(), requestLine()].join("\n"), manySecrets());
    const result = await checkE2eLogSecrets({ logFile, secretsFile, isStored: nothingStored });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it("fails when a recorded secret is in the log", async () => {
    const secrets = manySecrets();
    const { logFile, secretsFile } = files([requestLine(), `[api] unhandled error: token=${secrets[3]?.value}`].join("\n"), secrets);
    const result = await checkE2eLogSecrets({ logFile, secretsFile, isStored: nothingStored });
    expect(result.ok).toBe(false);
    expect(result.leaked).toMatchObject([{ kind: "cookie", line: 2 }]);
  });

  it("fails when it would prove nothing: no request lines, or too few secrets recorded", async () => {
    const quiet = files("▲ Next.js 16\n✓ Ready in 300ms\n", manySecrets());
    expect((await checkE2eLogSecrets({ ...quiet, isStored: nothingStored })).problems).toEqual([expect.stringMatching(/no request lines/)]);
    const unrecorded = files(requestLine(), [{ kind: "cookie", value: secret() }]);
    const result = await checkE2eLogSecrets({ ...unrecorded, isStored: nothingStored });
    expect(result.ok).toBe(false);
    expect(result.problems.join("\n")).toMatch(/only 1 secrets were recorded[\s\S]*"ott"[\s\S]*"password"/);
  });
});
