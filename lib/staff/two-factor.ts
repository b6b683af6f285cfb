// A staff member's second factor, as a handful of verbs: start setting up an authenticator
// (a pending secret, sealed), confirm it with a code (it replaces any earlier one; ten new
// recovery codes are shown once), and pass the second factor at sign-in with a code or a
// recovery code. Codes are throttled by the password sign-in's own rules
// (lib/auth/sign-in-throttle.ts: slots taken before the check, lockout per account and address,
// known sources slowed, not refused) under a key of their own for the account; a code is never
// accepted twice (the last used step is stored by one conditional UPDATE); a recovery code is
// used at most once (likewise). Times are the database's.
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { runTransaction } from "@/lib/db/transaction";
import { ApiError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashSecret } from "@/lib/security/secrets";
import { reserveSignInAttempt } from "@/lib/auth/sign-in-throttle";
import { throttledError } from "@/lib/auth/sign-in-outcome";
import { ThrottledError } from "@/lib/account/change-password";
import { generateTotpSecret, matchTotpStep, openTotpSecret, sealTotpSecret, TOTP_CODE_PATTERN, totpQrSvg, totpUri } from "./totp";
import { staffOrgIds } from "./staff-orgs";

export const RECOVERY_CODE_COUNT = 10;
/** 128 random bits as 32 hex digits, shown in four groups of eight. */
const RECOVERY_CODE_BYTES = 16;
const RECOVERY_CODE_PATTERN = /^[0-9a-f]{32}$/;

export const secondFactorBodySchema = z.strictObject({
  /** Six digits from the authenticator app, or one recovery code (spaces and dashes ignored). */
  code: z.string().trim().min(1).max(64),
});
export const confirmEnrolmentBodySchema = z.strictObject({ code: z.string().trim().regex(TOTP_CODE_PATTERN, "code must be six digits") });
export const recoveryCodesResponseSchema = z.object({ recoveryCodes: z.array(z.string()).length(RECOVERY_CODE_COUNT) });
export const secondFactorResponseSchema = z.object({ verified: z.literal(true), usedRecoveryCode: z.boolean(), recoveryCodesLeft: z.number().int() });

function formatRecoveryCode(hex: string): string {
  return hex.match(/.{8}/g)?.join("-") ?? hex;
}

/** What a typed recovery code stands for, or null when it cannot be one. */
export function normaliseRecoveryCode(typed: string): string | null {
  const compact = typed.replace(/[\s-]/g, "").toLowerCase();
  return RECOVERY_CODE_PATTERN.test(compact) ? compact : null;
}

async function databaseNowMs(): Promise<number> {
  const [row] = await db.$queryRaw<{ ms: number }[]>`SELECT (extract(epoch FROM now()) * 1000)::float8 AS ms`;
  if (!row) throw new Error("no database clock");
  return row.ms;
}

export type Enrolment = { secret: string; uri: string; qrSvg: string; replacing: boolean };

/**
 * The authenticator being set up for this staff member: the pending secret, created once and
 * kept until it is confirmed (so a reload shows the same QR code). Nothing changes for sign-in
 * until a code from it is confirmed.
 */
export async function getOrStartEnrolment(options: { staffId: string; email: string }): Promise<Enrolment> {
  const staff = await db.staff.findUnique({ where: { id: options.staffId }, select: { totpPendingSealed: true, totpEnabledAt: true } });
  if (!staff) throw new ApiError("not_found", "No such staff member.");
  let secret = staff.totpPendingSealed ? openTotpSecret(staff.totpPendingSealed) : null;
  if (!secret) {
    secret = generateTotpSecret();
    await db.staff.update({ where: { id: options.staffId }, data: { totpPendingSealed: sealTotpSecret(secret) } });
  }
  const uri = totpUri(secret, options.email);
  return { secret, uri, qrSvg: totpQrSvg(uri), replacing: staff.totpEnabledAt !== null };
}

function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => randomBytes(RECOVERY_CODE_BYTES).toString("hex"));
}

/**
 * Confirms the pending authenticator with a code from it: it becomes the one in force, this
 * session has passed the second factor, and ten new recovery codes (returned once, stored as
 * SHA-256) replace any earlier ones.
 */
export async function confirmEnrolment(options: { staffId: string; sessionId: string; code: string; ip: string }): Promise<{ recoveryCodes: string[] }> {
  const staff = await db.staff.findUnique({ where: { id: options.staffId }, select: { totpPendingSealed: true } });
  const pending = staff?.totpPendingSealed ?? null;
  const secret = pending ? openTotpSecret(pending) : null;
  if (!pending || !secret) throw new ApiError("conflict", "Open the set-up page again: there is no authenticator being set up.");
  const step = matchTotpStep({ secretBase32: secret, code: options.code, nowMs: await databaseNowMs() });
  if (step === null) throw new ApiError("unauthorized", "That code is not right. Check the app shows the account you just added, and type its current code.");
  const codes = newRecoveryCodes();
  const orgIds = await staffOrgIds(options.staffId);
  await runTransaction(async (tx) => {
    // Only the secret that was shown: a second tab that started over in between loses.
    const moved = await tx.$executeRaw`
      UPDATE staff SET totp_secret_sealed = totp_pending_sealed, totp_pending_sealed = NULL, totp_enabled_at = now(), totp_last_step = ${step}
       WHERE id = ${options.staffId}::uuid AND totp_pending_sealed = ${pending}`;
    if (moved !== 1) throw new ApiError("conflict", "The authenticator being set up changed meanwhile. Open the set-up page again.");
    await tx.$executeRaw`DELETE FROM staff_recovery_codes WHERE staff_id = ${options.staffId}::uuid`;
    for (const code of codes) {
      await tx.$executeRaw`INSERT INTO staff_recovery_codes (staff_id, code_hash) VALUES (${options.staffId}::uuid, ${hashSecret(code)})`;
    }
    await tx.$executeRaw`UPDATE staff_sessions SET second_factor_at = now() WHERE id = ${options.sessionId}::uuid AND staff_id = ${options.staffId}::uuid`;
    for (const orgId of orgIds) await recordAuditEvent({ orgId, type: "staff.two_factor_enabled", actorStaffId: options.staffId, ip: options.ip }, tx);
  });
  return { recoveryCodes: codes.map(formatRecoveryCode) };
}

/** Uses a TOTP code: accepted only for a step later than the last one used (one UPDATE decides, whatever the concurrency). */
async function useTotpCode(staffId: string, code: string): Promise<boolean> {
  const staff = await db.staff.findUnique({ where: { id: staffId }, select: { totpSecretSealed: true } });
  const secret = staff?.totpSecretSealed ? openTotpSecret(staff.totpSecretSealed) : null;
  if (!secret) return false;
  const step = matchTotpStep({ secretBase32: secret, code, nowMs: await databaseNowMs() });
  if (step === null) return false;
  const used = await db.$executeRaw`
    UPDATE staff SET totp_last_step = ${step}
     WHERE id = ${staffId}::uuid AND (totp_last_step IS NULL OR totp_last_step < ${step})`;
  return used === 1;
}

async function useRecoveryCode(staffId: string, code: string): Promise<boolean> {
  const used = await db.$executeRaw`
    UPDATE staff_recovery_codes SET used_at = now()
     WHERE staff_id = ${staffId}::uuid AND code_hash = ${hashSecret(code)} AND used_at IS NULL`;
  return used === 1;
}

/**
 * The second step of a staff sign-in: a code from the authenticator app, or a recovery code.
 * On success this session counts as signed in (lib/staff/two-factor-policy.ts).
 */
export async function verifySecondFactor(options: {
  staffId: string;
  email: string;
  sessionId: string;
  code: string;
  ip: string;
  deviceSecret: string | null;
}): Promise<z.infer<typeof secondFactorResponseSchema>> {
  const reservation = await reserveSignInAttempt({
    realm: "staff",
    // Its own account key: a code guessed wrong and a password guessed wrong are both failures
    // from this address, but the password's budget is not spent by someone who already has it.
    account: `second-factor:${options.staffId}`,
    subjectId: options.staffId,
    ip: options.ip,
    deviceSecret: options.deviceSecret,
  });
  if (!reservation.allowed) {
    throw new ThrottledError(throttledError({ scope: reservation.scope, retryAfterSeconds: reservation.retryAfterSeconds }), reservation.retryAfterSeconds);
  }
  if (reservation.delayMs > 0) await sleep(reservation.delayMs);

  const recoveryCode = TOTP_CODE_PATTERN.test(options.code) ? null : normaliseRecoveryCode(options.code);
  const ok = recoveryCode ? await useRecoveryCode(options.staffId, recoveryCode) : await useTotpCode(options.staffId, options.code);
  const orgIds = await staffOrgIds(options.staffId);
  if (!ok) {
    const settled = await reservation.settle("failure");
    await recordAuditEvent({ orgId: null, type: "staff.second_factor_failed", actorStaffId: options.staffId, ip: options.ip });
    for (const scope of settled.lockouts) {
      for (const orgId of orgIds) await recordAuditEvent({ orgId, type: "staff.lockout", actorStaffId: options.staffId, ip: options.ip, data: { scope, secondFactor: true } });
    }
    throw new ApiError("unauthorized", "That code is not right, or it was used already. Type the app's current code.");
  }
  await reservation.settle("success");
  await db.$executeRaw`UPDATE staff_sessions SET second_factor_at = now() WHERE id = ${options.sessionId}::uuid AND staff_id = ${options.staffId}::uuid`;
  for (const orgId of orgIds) {
    await recordAuditEvent({ orgId, type: recoveryCode ? "staff.recovery_code_used" : "staff.second_factor_passed", actorStaffId: options.staffId, ip: options.ip });
  }
  const left = await db.staffRecoveryCode.count({ where: { staffId: options.staffId, usedAt: null } });
  return { verified: true, usedRecoveryCode: recoveryCode !== null, recoveryCodesLeft: left };
}

/** Whether this staff member uses an authenticator app, and how many recovery codes are left. */
export async function getTwoFactorStatus(staffId: string): Promise<{ enabledAt: Date | null; recoveryCodesLeft: number }> {
  const [staff, left] = await Promise.all([
    db.staff.findUnique({ where: { id: staffId }, select: { totpEnabledAt: true } }),
    db.staffRecoveryCode.count({ where: { staffId, usedAt: null } }),
  ]);
  return { enabledAt: staff?.totpEnabledAt ?? null, recoveryCodesLeft: left };
}
