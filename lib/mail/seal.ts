// An outbox message's body holds live links (verification, reset, sign-in), and links are
// secrets: the database must not hand them to whoever reads a backup or a replica. So the
// body is sealed with AES-256-GCM under a key derived from AUTH_SECRET (HKDF, its own label),
// and erased once the SMTP server has accepted the message. A body sealed under a previous
// AUTH_SECRET cannot be opened: that message is dead-lettered, and its link would have been
// refused anyway (README, "Secrets and their rotation").
import { getAuthSecret } from "@/lib/env";
import { openText, sealText } from "@/lib/security/seal";

const LABEL = "mail outbox body v1";

export type MailBody = { text: string; html: string };

export function sealMailBody(body: MailBody, secret: string = getAuthSecret()): Uint8Array<ArrayBuffer> {
  return sealText(JSON.stringify(body), LABEL, secret);
}

/** The body, or null when it was sealed under another key (or tampered with). */
export function openMailBody(sealed: Uint8Array, secret: string = getAuthSecret()): MailBody | null {
  const plain = openText(sealed, LABEL, secret);
  if (plain === null) return null;
  try {
    const parsed = JSON.parse(plain) as Partial<MailBody>;
    return typeof parsed.text === "string" && typeof parsed.html === "string" ? { text: parsed.text, html: parsed.html } : null;
  } catch {
    return null;
  }
}
