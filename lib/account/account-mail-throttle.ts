// Who may cause a mail that carries a key to an account (a password reset, a sign-in link).
// Three budgets (lib/security/rate-limits.ts), thought of as the attacker:
//   - per client address, counted BEFORE any account is looked up: one address spraying many
//     readers' emails gets a 429 — which says nothing about any account;
//   - per address asked for, counted for known and unknown addresses alike — the one budget
//     registration and verification mails spend too (same key): a stranger cannot mail-bomb a
//     reader. Past it no mail is written and the answer is the same as ever;
//   - per account, whatever the address or the path (admin included).
import { consumeRateLimit } from "@/lib/security/rate-limit";
import { ACCOUNT_MAIL_PER_ACCOUNT, ACCOUNT_MAIL_PER_ADDRESS, ACCOUNT_MAIL_PER_IP, EMAIL_LINK_ATTEMPT_PER_IP } from "@/lib/security/rate-limits";
import { ApiError } from "@/lib/errors";
import { emailDigest } from "@/lib/auth/email-digest";

/** Refuses (429) a client address past its budget of mail requests. */
export async function reserveMailRequestFromIp(ip: string): Promise<void> {
  const byIp = await consumeRateLimit({ key: `account-mail:ip:${ip}`, ...ACCOUNT_MAIL_PER_IP });
  if (!byIp.allowed) throw new ApiError("rate_limited", "Too many requests from this network. Try again later.");
}

/**
 * The one budget of account mail to one address (registration's "you already have an account",
 * verification, reset and sign-in mails alike). Counts; answers whether this mail may go. The
 * key holds the address's digest, not the address (keys are stored in clear).
 */
export async function spendAddressMailBudget(orgId: string, email: string): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  return consumeRateLimit({ key: `account-mail:address:${orgId}:${emailDigest(email)}`, ...ACCOUNT_MAIL_PER_ADDRESS });
}

/** Whether a mail to `email` (of `readerId`, when it has an account) may be written now. Always counts the address. */
export async function mayMailAddress(options: { orgId: string; email: string; readerId: string | null }): Promise<boolean> {
  if (!(await spendAddressMailBudget(options.orgId, options.email)).allowed || !options.readerId) return false;
  return mayMailAccount(options.readerId);
}

/** The per-account budget alone (an admin sending a reset link has no address budget to spend). */
export async function mayMailAccount(readerId: string): Promise<boolean> {
  return (await consumeRateLimit({ key: `account-mail:reader:${readerId}`, ...ACCOUNT_MAIL_PER_ACCOUNT })).allowed;
}

/** Refuses (429) a client address past its budget of attempts to use emailed links and codes. */
export async function reserveLinkAttemptFromIp(ip: string): Promise<void> {
  const byIp = await consumeRateLimit({ key: `email-link-attempt:ip:${ip}`, ...EMAIL_LINK_ATTEMPT_PER_IP });
  if (!byIp.allowed) throw new ApiError("rate_limited", "Too many attempts from this network. Try again later.");
}
