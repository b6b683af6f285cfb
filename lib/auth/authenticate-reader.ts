// Password check for a reader of one organisation. Throttling (lib/auth/sign-in-throttle.ts)
// takes its failure slots BEFORE the password is checked, so no burst outruns it. Wrong email
// and wrong password look the same, and take the same time (a missing reader is checked
// against a dummy hash).
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { signInFailures } from "@/lib/observability/sso-metrics";
import { SIGNIN_FAILURE_PER_ACCOUNT_AND_IP } from "@/lib/security/rate-limits";
import { FIELD_LIMITS } from "@/lib/account/field-limits";
import { emailSchema } from "./field-messages";
import { hashPassword, verifyPassword } from "./password";
import { emailAccount, reserveSignInAttempt, type ThrottleScope } from "./sign-in-throttle";
import { voidEmailLinks } from "@/lib/account/email-links";
import { mailLockoutNotice } from "@/lib/account/lockout-notice";

export const credentialsSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(FIELD_LIMITS.password.max),
});

export type AuthenticateResult =
  | { ok: true; reader: { id: string; email: string; displayName: string | null }; newDeviceSecret: string | null }
  | { ok: false; reason: "invalid_credentials" }
  | { ok: false; reason: "throttled"; scope: ThrottleScope; retryAfterSeconds: number };

let dummyHash: Promise<string> | null = null;

/** The same cost as a real check, for an email with no account. */
export function verifyAgainstDummy(password: string): Promise<boolean> {
  dummyHash ??= hashPassword("not-a-real-password-but-the-same-cost");
  return dummyHash.then((hash) => verifyPassword(hash, password));
}

export async function authenticateReader(options: {
  orgId: string;
  siteId?: string | null;
  email: string;
  password: string;
  ip: string;
  /** The browser's known-device cookie on this site, if any. */
  deviceSecret?: string | null;
}): Promise<AuthenticateResult> {
  const email = options.email.trim().toLowerCase();
  const reader = await db.reader.findUnique({
    where: { orgId_email: { orgId: options.orgId, email } },
    select: { id: true, email: true, displayName: true, passwordHash: true },
  });
  const reservation = await reserveSignInAttempt({
    realm: "reader",
    account: emailAccount(email, options.orgId),
    subjectId: reader?.id ?? null,
    ip: options.ip,
    deviceSecret: options.deviceSecret ?? null,
  });
  if (!reservation.allowed) {
    signInFailures.inc({ reason: "throttled" });
    return { ok: false, reason: "throttled", scope: reservation.scope, retryAfterSeconds: reservation.retryAfterSeconds };
  }
  if (reservation.delayMs > 0) {
    await recordAuditEvent({ orgId: options.orgId, type: "auth.signin_slowed", readerId: reader?.id ?? null, siteId: options.siteId ?? null, ip: options.ip, data: { delayMs: reservation.delayMs } });
    await sleep(reservation.delayMs);
  }

  const valid = reader ? await verifyPassword(reader.passwordHash, options.password) : await verifyAgainstDummy(options.password);
  if (reader && valid) {
    const settled = await reservation.settle("success");
    // A successful sign-in voids the reader's unused reset links (issue 16): a link lying in a
    // mailbox is a key, and the reader plainly knows the password again.
    await voidEmailLinks(db, reader.id, ["reset_password"]);
    await recordAuditEvent({ orgId: options.orgId, type: "auth.signin", readerId: reader.id, siteId: options.siteId ?? null, ip: options.ip, data: { method: "password" } });
    return { ok: true, reader: { id: reader.id, email: reader.email, displayName: reader.displayName }, newDeviceSecret: settled.newDeviceSecret };
  }

  signInFailures.inc({ reason: "invalid_credentials" });
  const settled = await reservation.settle("failure");
  await recordAuditEvent({ orgId: options.orgId, type: "auth.signin_failed", readerId: reader?.id ?? null, siteId: options.siteId ?? null, ip: options.ip, data: { knownAccount: reader !== null } });
  for (const scope of settled.lockouts) {
    await recordAuditEvent({
      orgId: options.orgId,
      type: "auth.lockout",
      readerId: reader?.id ?? null,
      siteId: options.siteId ?? null,
      ip: options.ip,
      data: { scope, windowSeconds: SIGNIN_FAILURE_PER_ACCOUNT_AND_IP.windowSeconds },
    });
  }
  // The owner hears of a lockout of THEIR account by mail (never for an unknown address, nor for
  // an address locked across accounts), once per window: lib/account/lockout-notice.ts.
  if (reader && options.siteId && settled.lockouts.some((scope) => scope !== "address")) {
    await mailLockoutNotice({ siteId: options.siteId, reader, windowSeconds: SIGNIN_FAILURE_PER_ACCOUNT_AND_IP.windowSeconds, ip: options.ip });
  }
  return { ok: false, reason: "invalid_credentials" };
}
