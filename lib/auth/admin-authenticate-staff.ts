// Password check for a staff member of the admin console, throttled per account and per IP in
// Postgres like readers' sign-ins (lib/auth/authenticate-reader.ts), with keys of their own:
// a reader and a staff member with the same email are different accounts. Wrong email and
// wrong password look the same and take the same time.
import { db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { consumeRateLimit, peekRateLimit, resetRateLimit } from "@/lib/security/rate-limit";
import { SIGNIN_FAILURE_PER_ACCOUNT, SIGNIN_FAILURE_PER_IP } from "@/lib/security/rate-limits";
import { emailDigest } from "./email-digest";
import { hashPassword, verifyPassword } from "./password";

export { credentialsSchema as staffCredentialsSchema } from "./authenticate-reader";

export type AuthenticateStaffResult =
  | { ok: true; staff: { id: string; email: string; name: string } }
  | { ok: false; reason: "invalid_credentials" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

let dummyHash: Promise<string> | null = null;

/** Keyed by a digest, like readers' (an email of any length made this key too long to store: a 500). */
function accountKey(email: string): string {
  return `staff-signin-fail:account:${emailDigest(email)}`;
}

function ipKey(ip: string): string {
  return `staff-signin-fail:ip:${ip}`;
}

/** Is this staff account or IP locked out right now? (Counts nothing.) */
export async function checkStaffSignInThrottle(options: { email: string; ip: string }): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const [byIp, byAccount] = await Promise.all([
    peekRateLimit({ key: ipKey(options.ip), ...SIGNIN_FAILURE_PER_IP }),
    peekRateLimit({ key: accountKey(options.email), ...SIGNIN_FAILURE_PER_ACCOUNT }),
  ]);
  return { allowed: byIp.allowed && byAccount.allowed, retryAfterSeconds: Math.max(byIp.retryAfterSeconds, byAccount.retryAfterSeconds) };
}

export async function authenticateStaff(options: { email: string; password: string; ip: string }): Promise<AuthenticateStaffResult> {
  const email = options.email.trim().toLowerCase();
  const throttle = await checkStaffSignInThrottle({ email, ip: options.ip });
  if (!throttle.allowed) return { ok: false, reason: "throttled", retryAfterSeconds: throttle.retryAfterSeconds };

  const staff = await db.staff.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, memberships: { select: { orgId: true } } },
  });
  dummyHash ??= hashPassword("not-a-real-password-but-the-same-cost");
  const valid = await verifyPassword(staff?.passwordHash ?? (await dummyHash), options.password);
  if (staff && valid) {
    await resetRateLimit(accountKey(email));
    return { ok: true, staff: { id: staff.id, email: staff.email, name: staff.name } };
  }

  await consumeRateLimit({ key: ipKey(options.ip), ...SIGNIN_FAILURE_PER_IP });
  const account = await consumeRateLimit({ key: accountKey(email), ...SIGNIN_FAILURE_PER_ACCOUNT });
  // Staff belong to no one organisation: the failure is a platform event (org null)...
  await recordAuditEvent({ orgId: null, type: "staff.signin_failed", actorStaffId: staff?.id ?? null, ip: options.ip, data: { knownAccount: staff !== null } });
  if (account.remaining === 0) {
    // ...but a lockout is shown to every organisation the account can administer: an attack on
    // their admins is their business.
    const orgIds = staff && staff.memberships.length > 0 ? staff.memberships.map((m) => m.orgId) : [null];
    for (const orgId of orgIds) {
      await recordAuditEvent({ orgId, type: "staff.lockout", actorStaffId: staff?.id ?? null, ip: options.ip, data: { windowSeconds: SIGNIN_FAILURE_PER_ACCOUNT.windowSeconds } });
    }
  }
  return { ok: false, reason: "invalid_credentials" };
}
