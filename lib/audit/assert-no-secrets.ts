// "Secrets are never logged" (design §7), enforced where audit data is written rather than
// trusted to every caller: a key that names a secret, or a value shaped like one of our
// secrets, makes the write fail loudly in development and tests instead of leaking quietly.

/** Keys that name a secret. Ids of secret-bearing rows (`ssoTokenId`, `ottId`) are fine. */
const SECRET_KEY = /secret|password|cookie|raw/i;
/** Our secrets are 32 random bytes as base64url: exactly 43 characters (lib/security/secrets.ts). */
const SECRET_VALUE = /^[A-Za-z0-9_-]{43}$/;
/**
 * The same shape inside a longer string (`/callback?ott=…&state=…`). A random 43-character
 * secret all but surely mixes upper and lower case; demanding both keeps lower-case slugs of
 * that length from tripping the check.
 */
const EMBEDDED_SECRET = /(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*[A-Z])(?=[A-Za-z0-9_-]*[a-z])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/;

export class SecretInAuditDataError extends Error {
  constructor(path: string, reason: string) {
    // The message names where, never what: the value may be the secret.
    super(`audit data at ${path} ${reason}; secrets are never logged`);
    this.name = "SecretInAuditDataError";
  }
}

function looksLikeSecret(value: string): boolean {
  return SECRET_VALUE.test(value) || EMBEDDED_SECRET.test(value);
}

/** Throws SecretInAuditDataError if any key (at any depth) names a secret or any string value looks like one. */
export function assertNoSecrets(value: unknown, path = "data"): void {
  if (typeof value === "string") {
    if (looksLikeSecret(value)) throw new SecretInAuditDataError(path, "holds a value shaped like a secret");
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => assertNoSecrets(item, `${path}[${index}]`));
    return;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (SECRET_KEY.test(key)) throw new SecretInAuditDataError(`${path}.${key}`, "has a key that names a secret");
      assertNoSecrets(item, `${path}.${key}`);
    }
  }
}
