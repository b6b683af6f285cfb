// What a new reader's password must be (NIST SP 800-63B: length over composition rules, and
// refuse the obviously guessable). Messages are shown to the reader as they are.
const MIN_LENGTH = 10;
const MAX_LENGTH = 256;
const COMMON = new Set([
  "password", "password1", "password12", "password123", "passw0rd", "qwerty", "qwertyuiop", "letmein", "welcome",
  "iloveyou", "admin", "administrator", "123456", "12345678", "123456789", "1234567890", "abc123", "football",
  "monkey", "dragon", "sunshine", "princess", "trustno1", "111111", "000000", "changeme",
]);

export function checkPasswordStrength(password: string, context: { email: string }): string | null {
  if (password.length < MIN_LENGTH) return `Use at least ${MIN_LENGTH} characters.`;
  if (password.length > MAX_LENGTH) return `Use at most ${MAX_LENGTH} characters.`;
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || COMMON.has(lower.replace(/\d+$/, ""))) return "This password is too common; choose another.";
  if (/^(.)\1+$/.test(password)) return "Do not repeat one character.";
  const local = context.email.split("@")[0]?.toLowerCase() ?? "";
  if (local.length >= 3 && lower.includes(local)) return "Do not use your email address in your password.";
  return null;
}
