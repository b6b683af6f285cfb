// Sealing a value the server must read back later but a reader of the database (a backup, a
// replica) must not: AES-256-GCM under a key derived from AUTH_SECRET with HKDF and a label of
// its own per purpose, so one purpose's sealed values never open as another's. A value sealed
// under a previous AUTH_SECRET does not open (null): callers treat it as lost.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { getAuthSecret } from "@/lib/env";

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

function sealingKey(secret: string, label: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "multisite-sso", label, 32));
}

export function sealText(plain: string, label: string, secret: string = getAuthSecret()): Uint8Array<ArrayBuffer> {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", sealingKey(secret, label), iv);
  const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return new Uint8Array(Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), sealed]));
}

/** The plain text, or null when it was sealed under another key or label (or tampered with). */
export function openText(sealed: Uint8Array, label: string, secret: string = getAuthSecret()): string | null {
  const bytes = Buffer.from(sealed);
  if (bytes.length < 1 + IV_BYTES + TAG_BYTES || bytes[0] !== VERSION) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", sealingKey(secret, label), bytes.subarray(1, 1 + IV_BYTES));
    decipher.setAuthTag(bytes.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
