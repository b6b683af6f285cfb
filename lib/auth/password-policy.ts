// What a new reader's password must be (NIST SP 800-63B: length over composition rules, and
// refuse the obviously guessable). Messages are shown to the reader as they are, and name the field.
import { FIELD_LIMITS } from "@/lib/account/field-limits";

const MIN_LENGTH = FIELD_LIMITS.newPassword.min;
const MAX_LENGTH = FIELD_LIMITS.newPassword.max;
const COMMON = new Set([
  "password", "password1", "password12", "password123", "passw0rd", "qwerty", "qwertyuiop", "letmein", "welcome",
  "iloveyou", "admin", "administrator", "123456", "12345678", "123456789", "1234567890", "abc123", "football",
  "monkey", "dragon", "sunshine", "princess", "trustno1", "111111", "000000", "changeme",
]);

export function checkPasswordStrength(password: string, context: { email: string }): string | null {
  if (password.length < MIN_LENGTH) return `Your password needs at least ${MIN_LENGTH} characters.`;
  if (password.length > MAX_LENGTH) return `Your password can be at most ${MAX_LENGTH} characters long.`;
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || COMMON.has(lower.replace(/\d+$/, ""))) return "This password is too common. Choose another password.";
  if (/^(.)\1+$/.test(password)) return "Your password cannot be one character repeated.";
  const local = context.email.split("@")[0]?.toLowerCase() ?? "";
  if (local.length >= 3 && lower.includes(local)) return "Your password cannot contain your email address.";
  return null;
}
