// A staff member who forgot their password asks for a link on the console's sign-in page. The
// answer never says whether the address has an account; the link (256 bits, SHA-256 kept,
// single use, 30 minutes) lets them choose a new password, which signs them out everywhere.
// It does NOT sign them in: they sign in afterwards like everyone, second factor included, so
// a mailbox alone never opens the console of someone who uses an authenticator app.
import { z } from "zod";
import { db } from "@/lib/db/client";
import { runTransaction } from "@/lib/db/transaction";
import { ApiError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { generateSecret, hashSecret, isWellFormedSecret } from "@/lib/security/secrets";
import { emailSchema } from "@/lib/auth/field-messages";
import { FIELD_LIMITS } from "@/lib/account/field-limits";
import { hashPassword } from "@/lib/auth/password";
import { checkPasswordStrength } from "@/lib/auth/password-policy";
import { reserveMailRequestFromIp, spendAddressMailBudget } from "@/lib/account/account-mail-throttle";
import { EMAIL_LINK_TTL_SECONDS } from "@/lib/account/email-links";
import { revokeAllSessionsOfStaff } from "@/lib/admin/staff-sessions";
import { sendStaffMail, staffMessages } from "./staff-mail";

export const STAFF_RESET_PATH = "/reset-password";
const RESET_TTL_SECONDS = EMAIL_LINK_TTL_SECONDS.reset_password;
/** The address budget's "organisation" part for staff addresses (staff belong to no one organisation). */
const STAFF_MAIL_BUDGET = "staff";

export const STAFF_RESET_REQUESTED_MESSAGE = "If a staff account uses this address, we sent it a link to choose a new password. Check your email.";

export const staffResetRequestSchema = z.strictObject({ email: emailSchema });
export const staffResetRequestResponseSchema = z.object({ message: z.string() });
export const staffResetCompleteSchema = z.strictObject({
  token: z.string().max(200),
  password: z.string({ error: "Enter a new password." }).max(FIELD_LIMITS.password.max),
});
export const staffResetCompleteResponseSchema = z.object({ passwordChanged: z.literal(true) });

export async function requestStaffPasswordReset(options: { email: string; consoleOrigin: string; ip: string }): Promise<{ message: string }> {
  // The network's budget first (says nothing about any account), then the address's own.
  await reserveMailRequestFromIp(options.ip);
  const email = options.email.trim().toLowerCase();
  const budget = await spendAddressMailBudget(STAFF_MAIL_BUDGET, email);
  if (!budget.allowed) return { message: STAFF_RESET_REQUESTED_MESSAGE };
  const staff = await db.staff.findUnique({
    where: { email },
    select: { id: true, memberships: { select: { org: { select: { id: true, name: true } } }, orderBy: { createdAt: "asc" }, take: 1 } },
  });
  const org = staff?.memberships[0]?.org;
  // Staff of no organisation cannot use the console anyway: no mail.
  if (!staff || !org) return { message: STAFF_RESET_REQUESTED_MESSAGE };
  await runTransaction(async (tx) => {
    await tx.$executeRaw`UPDATE staff_password_resets SET used_at = now() WHERE staff_id = ${staff.id}::uuid AND used_at IS NULL`;
    const token = generateSecret();
    await tx.$executeRaw`
      INSERT INTO staff_password_resets (staff_id, token_hash, expires_at)
      VALUES (${staff.id}::uuid, ${hashSecret(token)}, now() + make_interval(secs => ${RESET_TTL_SECONDS}))`;
    const url = `${options.consoleOrigin}${STAFF_RESET_PATH}?${new URLSearchParams({ token })}`;
    await sendStaffMail(tx, { orgId: org.id, orgName: org.name, to: email, kind: "staff.password_reset", content: staffMessages.passwordReset({ url, expiresInSeconds: RESET_TTL_SECONDS }) });
    await recordAuditEvent({ orgId: org.id, type: "staff.password_reset_requested", actorStaffId: staff.id, ip: options.ip }, tx);
  });
  return { message: STAFF_RESET_REQUESTED_MESSAGE };
}

/** Whether a reset token can still be used (for the page). */
export async function isUsableStaffReset(token: string): Promise<boolean> {
  if (!isWellFormedSecret(token)) return false;
  const [row] = await db.$queryRaw<{ ok: boolean }[]>`
    SELECT true AS ok FROM staff_password_resets WHERE token_hash = ${hashSecret(token)} AND used_at IS NULL AND expires_at > now()`;
  return row?.ok === true;
}

const UNUSABLE = "This link has expired or was already used. Ask for a new one on the sign-in page.";

export async function completeStaffPasswordReset(options: { body: z.infer<typeof staffResetCompleteSchema>; ip: string }): Promise<{ passwordChanged: true }> {
  if (!isWellFormedSecret(options.body.token)) throw new ApiError("invalid_link", UNUSABLE);
  const [owner] = await db.$queryRaw<{ email: string }[]>`
    SELECT s.email FROM staff_password_resets r JOIN staff s ON s.id = r.staff_id
     WHERE r.token_hash = ${hashSecret(options.body.token)} AND r.used_at IS NULL AND r.expires_at > now()`;
  if (!owner) throw new ApiError("invalid_link", UNUSABLE);
  const weak = checkPasswordStrength(options.body.password, { email: owner.email });
  if (weak) throw new ApiError("validation_failed", `password: ${weak}`);
  const passwordHash = await hashPassword(options.body.password);
  await runTransaction(async (tx) => {
    const [taken] = await tx.$queryRaw<{ staff_id: string }[]>`
      UPDATE staff_password_resets SET used_at = now()
       WHERE token_hash = ${hashSecret(options.body.token)} AND used_at IS NULL AND expires_at > now()
      RETURNING staff_id::text AS staff_id`;
    if (!taken) throw new ApiError("invalid_link", UNUSABLE);
    await tx.$executeRaw`UPDATE staff SET password_hash = ${passwordHash}, updated_at = now() WHERE id = ${taken.staff_id}::uuid`;
    // Whoever knew the old password is out, on every instance.
    await revokeAllSessionsOfStaff(tx, taken.staff_id);
    const orgs = await tx.staffMembership.findMany({ where: { staffId: taken.staff_id }, select: { orgId: true } });
    for (const { orgId } of orgs) await recordAuditEvent({ orgId, type: "staff.password_reset", actorStaffId: taken.staff_id, ip: options.ip }, tx);
  });
  return { passwordChanged: true };
}
