// Password check for a reader of one organisation, with throttling per account and per IP
// kept in Postgres (holds across instances). Wrong email and wrong password look the same,
// and take the same time (a missing reader is checked against a dummy hash).
import { emailDigest } from "./email-digest";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { signInFailures } from "@/lib/observability/sso-metrics";
import { consumeRateLimit, peekRateLimit, resetRateLimit } from "@/lib/security/rate-limit";
import { SIGNIN_FAILURE_PER_ACCOUNT, SIGNIN_FAILURE_PER_IP } from "@/lib/security/rate-limits";
import { hashPassword, verifyPassword } from "./password";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
  password: z.string().min(1).max(1024),
});

export type AuthenticateResult =
  | { ok: true; reader: { id: string; email: string; displayName: string | null } }
  | { ok: false; reason: "invalid_credentials" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

let dummyHash: Promise<string> | null = null;

/** Keyed by a digest: an email is personal data and may be any length or contain anything. */
function accountKey(orgId: string, email: string): string {
  return `signin-fail:account:${orgId}:${emailDigest(email)}`;
}

/** Is this account or IP locked out right now? (Counts nothing.) */
export async function checkSignInThrottle(options: { orgId: string; email: string; ip: string }): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const [byIp, byAccount] = await Promise.all([
    peekRateLimit({ key: `signin-fail:ip:${options.ip}`, ...SIGNIN_FAILURE_PER_IP }),
    peekRateLimit({ key: accountKey(options.orgId, options.email), ...SIGNIN_FAILURE_PER_ACCOUNT }),
  ]);
  return { allowed: byIp.allowed && byAccount.allowed, retryAfterSeconds: Math.max(byIp.retryAfterSeconds, byAccount.retryAfterSeconds) };
}

export async function authenticateReader(options: { orgId: string; email: string; password: string; ip: string }): Promise<AuthenticateResult> {
  const email = options.email.trim().toLowerCase();
  const throttle = await checkSignInThrottle({ orgId: options.orgId, email, ip: options.ip });
  if (!throttle.allowed) {
    signInFailures.inc({ reason: "throttled" });
    return { ok: false, reason: "throttled", retryAfterSeconds: throttle.retryAfterSeconds };
  }

  const reader = await db.reader.findUnique({
    where: { orgId_email: { orgId: options.orgId, email } },
    select: { id: true, email: true, displayName: true, passwordHash: true },
  });
  dummyHash ??= hashPassword("not-a-real-password-but-the-same-cost");
  const valid = await verifyPassword(reader?.passwordHash ?? (await dummyHash), options.password);
  if (reader && valid) {
    await resetRateLimit(accountKey(options.orgId, email));
    return { ok: true, reader: { id: reader.id, email: reader.email, displayName: reader.displayName } };
  }

  signInFailures.inc({ reason: "invalid_credentials" });
  await consumeRateLimit({ key: `signin-fail:ip:${options.ip}`, ...SIGNIN_FAILURE_PER_IP });
  const account = await consumeRateLimit({ key: accountKey(options.orgId, email), ...SIGNIN_FAILURE_PER_ACCOUNT });
  await recordAuditEvent({ orgId: options.orgId, type: "auth.signin_failed", readerId: reader?.id ?? null, ip: options.ip, data: { knownAccount: reader !== null } });
  if (account.remaining === 0) {
    await recordAuditEvent({ orgId: options.orgId, type: "auth.lockout", readerId: reader?.id ?? null, ip: options.ip, data: { windowSeconds: SIGNIN_FAILURE_PER_ACCOUNT.windowSeconds } });
  }
  return { ok: false, reason: "invalid_credentials" };
}
