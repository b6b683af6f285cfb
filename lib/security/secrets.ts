// Secrets (site sessions, SSO tokens, OTTs, state nonces): 256 random bits, sent to the
// browser once as base64url, stored only as their SHA-256. Lookups go by the hash, never by
// the raw value; comparisons of raw values are constant-time.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const SECRET_BYTES = 32;
/** base64url of 32 bytes, no padding. */
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function generateSecret(): string {
  return randomBytes(SECRET_BYTES).toString("base64url");
}

export function hashSecret(secret: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createHash("sha256").update(secret, "utf8").digest());
}

/** Cheap shape check before any database work: garbage never reaches a query. */
export function isWellFormedSecret(value: string | null | undefined): value is string {
  return typeof value === "string" && SECRET_PATTERN.test(value);
}

/** Constant-time equality of two strings of any length (compares their SHA-256). */
export function secretsEqual(a: string, b: string): boolean {
  const left = createHash("sha256").update(a, "utf8").digest();
  const right = createHash("sha256").update(b, "utf8").digest();
  return timingSafeEqual(left, right) && a.length === b.length;
}
