// An outbox message's body holds live links (verification, reset, sign-in), and links are
// secrets: the database must not hand them to whoever reads a backup or a replica. So the
// body is sealed with AES-256-GCM under a key derived from AUTH_SECRET (HKDF, its own label),
// and erased once the SMTP server has accepted the message. A body sealed under a previous
// AUTH_SECRET cannot be opened: that message is dead-lettered, and its link would have been
// refused anyway (README, "Secrets and their rotation").
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { getAuthSecret } from "@/lib/env";

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type MailBody = { text: string; html: string };

// Each use has its own key (HKDF label): a sealed mail body can never be opened as, say, a
// staff member's TOTP secret (lib/staff/totp.ts), which is sealed with the same code.
function sealingKey(secret: string, label: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "multisite-sso", label, 32));
}

/** Seals `plain` under AUTH_SECRET with AES-256-GCM; `label` names the use (its own key). */
export function sealText(plain: string, label: string, secret: string = getAuthSecret()): Uint8Array<ArrayBuffer> {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", sealingKey(secret, label), iv);
  const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return new Uint8Array(Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), sealed]));
}

/** The text, or null when it was sealed under another key or label (or tampered with). */
export function openSealedText(sealed: Uint8Array, label: string, secret: string = getAuthSecret()): string | null {
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

const MAIL_BODY_LABEL = "mail outbox body v1";

export function sealMailBody(body: MailBody, secret: string = getAuthSecret()): Uint8Array<ArrayBuffer> {
  return sealText(JSON.stringify(body), MAIL_BODY_LABEL, secret);
}

/** The body, or null when it was sealed under another key (or tampered with). */
export function openMailBody(sealed: Uint8Array, secret: string = getAuthSecret()): MailBody | null {
  const plain = openSealedText(sealed, MAIL_BODY_LABEL, secret);
  if (plain === null) return null;
  try {
    const parsed = JSON.parse(plain) as Partial<MailBody>;
    return typeof parsed.text === "string" && typeof parsed.html === "string" ? { text: parsed.text, html: parsed.html } : null;
  } catch {
    return null;
  }
}
