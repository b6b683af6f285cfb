// Password check for a staff member of the admin console, throttled like readers' sign-ins
// (lib/auth/sign-in-throttle.ts: slots reserved before the password check, lockout per account
// and address, known sources slowed rather than refused) with keys of their own: a reader and a
// staff member with the same email are different accounts. Wrong email and wrong password look
// the same and take the same time.
import { setTimeout as sleep } from "node:timers/promises";
import { db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { SIGNIN_FAILURE_PER_ACCOUNT_AND_IP } from "@/lib/security/rate-limits";
import { verifyAgainstDummy } from "./authenticate-reader";
import { verifyPassword } from "./password";
import { emailAccount, reserveSignInAttempt, type ThrottleScope } from "./sign-in-throttle";

export { credentialsSchema as staffCredentialsSchema } from "./authenticate-reader";

export type AuthenticateStaffResult =
  | { ok: true; staff: { id: string; email: string; name: string }; newDeviceSecret: string | null }
  | { ok: false; reason: "invalid_credentials" }
  | { ok: false; reason: "throttled"; scope: ThrottleScope; retryAfterSeconds: number };

export async function authenticateStaff(options: { email: string; password: string; ip: string; deviceSecret?: string | null }): Promise<AuthenticateStaffResult> {
  const email = options.email.trim().toLowerCase();
  const staff = await db.staff.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, memberships: { select: { orgId: true } } },
  });
  const reservation = await reserveSignInAttempt({
    realm: "staff",
    account: emailAccount(email),
    subjectId: staff?.id ?? null,
    ip: options.ip,
    deviceSecret: options.deviceSecret ?? null,
  });
  if (!reservation.allowed) return { ok: false, reason: "throttled", scope: reservation.scope, retryAfterSeconds: reservation.retryAfterSeconds };
  // Staff belong to no one organisation: per-account events are shown to every organisation
  // the account can administer (an attack on their admins is their business).
  const orgIds = staff && staff.memberships.length > 0 ? staff.memberships.map((m) => m.orgId) : [null];
  if (reservation.delayMs > 0) {
    for (const orgId of orgIds) {
      await recordAuditEvent({ orgId, type: "staff.signin_slowed", actorStaffId: staff?.id ?? null, ip: options.ip, data: { delayMs: reservation.delayMs } });
    }
    await sleep(reservation.delayMs);
  }

  const valid = staff ? await verifyPassword(staff.passwordHash, options.password) : await verifyAgainstDummy(options.password);
  if (staff && valid) {
    const settled = await reservation.settle("success");
    for (const orgId of orgIds) await recordAuditEvent({ orgId, type: "staff.signin", actorStaffId: staff.id, ip: options.ip });
    return { ok: true, staff: { id: staff.id, email: staff.email, name: staff.name }, newDeviceSecret: settled.newDeviceSecret };
  }

  const settled = await reservation.settle("failure");
  // A failure is a platform event (org null)...
  await recordAuditEvent({ orgId: null, type: "staff.signin_failed", actorStaffId: staff?.id ?? null, ip: options.ip, data: { knownAccount: staff !== null } });
  // ...but a lockout is shown to every organisation the account belongs to.
  for (const scope of settled.lockouts) {
    for (const orgId of orgIds) {
      await recordAuditEvent({ orgId, type: "staff.lockout", actorStaffId: staff?.id ?? null, ip: options.ip, data: { scope, windowSeconds: SIGNIN_FAILURE_PER_ACCOUNT_AND_IP.windowSeconds } });
    }
  }
  return { ok: false, reason: "invalid_credentials" };
}
