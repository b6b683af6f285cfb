// An email as a rate-limit key part: its SHA-256 (base64url, 43 characters) of the trimmed,
// lower-cased address. An email is personal data (keys are stored in clear and may be logged)
// and may be any length or contain anything a form can carry; the digest is neither.
import { createHash } from "node:crypto";

export function emailDigest(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("base64url");
}
