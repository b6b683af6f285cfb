// Inviting staff: an owner names an address and a role; the address gets a mailed link (256
// random bits, kept as SHA-256, single use, expiring) that opens the console's invitation page.
//
//   - A new address sets a name and a password there: the account is created with the
//     membership, and the invitee then signs in like everyone (so the organisation's
//     two-factor rule applies from the first sign-in).
//   - An address that already has a staff account (of this or another organisation) must
//     type THAT account's password (checked, and throttled, like a sign-in): an invitation
//     never sets or changes an existing account's password, so a link that reaches the wrong
//     person, or an owner who invites another organisation's admin, cannot take the account.
//   - The answer to the owner is the same whether or not the address has an account elsewhere.
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
import { authenticateStaff } from "@/lib/auth/admin-authenticate-staff";
import { ThrottledError } from "@/lib/account/change-password";
import { throttledError } from "@/lib/auth/sign-in-outcome";
import type { StaffRole } from "@/lib/admin/roles";
import { staffRoleSchema } from "./team";
import { sendStaffMail, staffMessages } from "./staff-mail";

export const INVITATION_TTL_SECONDS = 72 * 3_600;
export const INVITATION_PATH = "/invitation";

export const inviteBodySchema = z.strictObject({ email: emailSchema, role: staffRoleSchema });
export const inviteResponseSchema = z.object({ invited: z.literal(true), email: z.string(), role: staffRoleSchema, expiresAt: z.string() });
export const invitationParamsSchema = z.object({ orgSlug: z.string(), invitationId: z.uuid() });
export const acceptInvitationBodySchema = z.strictObject({
  token: z.string().max(200),
  /** Only for a new account. */
  name: z.string().trim().min(1, "Enter your name.").max(FIELD_LIMITS.displayName.max).optional(),
  password: z.string({ error: "Enter a password." }).min(1, "Enter a password.").max(FIELD_LIMITS.password.max),
});
export const acceptInvitationResponseSchema = z.object({ joined: z.literal(true), orgName: z.string(), newAccount: z.boolean() });

const UNUSABLE = "This invitation has expired, was withdrawn or was already used. Ask an owner for a new one.";

export async function inviteStaff(options: {
  orgId: string;
  orgName: string;
  email: string;
  role: StaffRole;
  inviter: { id: string; name: string };
  consoleOrigin: string;
  ip: string;
}): Promise<z.infer<typeof inviteResponseSchema>> {
  const email = options.email.trim().toLowerCase();
  return runTransaction(async (tx) => {
    const member = await tx.staffMembership.findFirst({ where: { orgId: options.orgId, staff: { email } }, select: { staffId: true } });
    if (member) throw new ApiError("conflict", "This address is already on the team. Change their role instead.");
    // One live invitation per address and organisation: a new one withdraws the earlier link.
    await tx.$executeRaw`UPDATE staff_invitations SET withdrawn_at = now() WHERE org_id = ${options.orgId}::uuid AND email = ${email} AND accepted_at IS NULL AND withdrawn_at IS NULL`;
    const token = generateSecret();
    const [row] = await tx.$queryRaw<{ expires_at: Date }[]>`
      INSERT INTO staff_invitations (org_id, email, role, token_hash, invited_by, expires_at)
      VALUES (${options.orgId}::uuid, ${email}, ${options.role}::"StaffRole", ${hashSecret(token)}, ${options.inviter.id}::uuid, now() + make_interval(secs => ${INVITATION_TTL_SECONDS}))
      RETURNING expires_at`;
    if (!row) throw new Error("the invitation was not stored");
    const url = `${options.consoleOrigin}${INVITATION_PATH}?${new URLSearchParams({ token })}`;
    await sendStaffMail(tx, {
      orgId: options.orgId,
      orgName: options.orgName,
      to: email,
      kind: "staff.invitation",
      content: staffMessages.invitation({ orgName: options.orgName, inviterName: options.inviter.name, role: options.role, url, expiresInSeconds: INVITATION_TTL_SECONDS }),
    });
    await recordAuditEvent({ orgId: options.orgId, type: "staff.invited", actorStaffId: options.inviter.id, ip: options.ip, data: { role: options.role } }, tx);
    return { invited: true as const, email, role: options.role, expiresAt: row.expires_at.toISOString() };
  });
}

/** Withdraws a pending invitation (its link stops working). */
export async function revokeInvitation(options: { orgId: string; invitationId: string; actorStaffId: string; ip: string }): Promise<{ revoked: true }> {
  const revoked = await db.$executeRaw`
    UPDATE staff_invitations SET withdrawn_at = now()
     WHERE id = ${options.invitationId}::uuid AND org_id = ${options.orgId}::uuid AND accepted_at IS NULL AND withdrawn_at IS NULL`;
  if (revoked !== 1) throw new ApiError("not_found", "No such pending invitation.");
  await recordAuditEvent({ orgId: options.orgId, type: "staff.invitation_revoked", actorStaffId: options.actorStaffId, ip: options.ip, data: { invitationId: options.invitationId } });
  return { revoked: true };
}

export type InvitationView = { orgName: string; email: string; role: StaffRole; hasAccount: boolean };

/** What the invitation page shows for a token, or null when it cannot be used. */
export async function peekInvitation(token: string): Promise<InvitationView | null> {
  if (!isWellFormedSecret(token)) return null;
  const [row] = await db.$queryRaw<{ org_name: string; email: string; role: StaffRole; has_account: boolean }[]>`
    SELECT o.name AS org_name, i.email, i.role, EXISTS (SELECT 1 FROM staff s WHERE s.email = i.email) AS has_account
      FROM staff_invitations i JOIN organizations o ON o.id = i.org_id
     WHERE i.token_hash = ${hashSecret(token)} AND i.accepted_at IS NULL AND i.withdrawn_at IS NULL AND i.expires_at > now()`;
  return row ? { orgName: row.org_name, email: row.email, role: row.role, hasAccount: row.has_account } : null;
}

export async function acceptInvitation(options: { body: z.infer<typeof acceptInvitationBodySchema>; ip: string }): Promise<z.infer<typeof acceptInvitationResponseSchema>> {
  const { token, password } = options.body;
  const invitation = await peekInvitation(token);
  if (!invitation) throw new ApiError("invalid_link", UNUSABLE);
  if (invitation.hasAccount) {
    // The account's own password, through the sign-in's throttle: the link alone is not the account.
    const checked = await authenticateStaff({ email: invitation.email, password, ip: options.ip });
    if (!checked.ok) {
      if (checked.reason === "throttled") throw new ThrottledError(throttledError(checked), checked.retryAfterSeconds);
      throw new ApiError("forbidden", "That is not the password of your staff account. Use your current password, or reset it from the sign-in page.");
    }
  } else {
    if (!options.body.name) throw new ApiError("validation_failed", "name: Enter your name.");
    const weak = checkPasswordStrength(password, { email: invitation.email });
    if (weak) throw new ApiError("validation_failed", `password: ${weak}`);
  }
  const passwordHash = invitation.hasAccount ? null : await hashPassword(password);
  return runTransaction(async (tx) => {
    // Single use, whatever the concurrency: one UPDATE takes the link.
    const [taken] = await tx.$queryRaw<{ org_id: string; email: string; role: StaffRole; invited_by: string | null }[]>`
      UPDATE staff_invitations SET accepted_at = now()
       WHERE token_hash = ${hashSecret(token)} AND accepted_at IS NULL AND withdrawn_at IS NULL AND expires_at > now()
      RETURNING org_id::text AS org_id, email, role, invited_by::text AS invited_by`;
    if (!taken) throw new ApiError("invalid_link", UNUSABLE);
    let staff = await tx.staff.findUnique({ where: { email: taken.email }, select: { id: true } });
    const newAccount = !staff;
    if (!staff) {
      if (!passwordHash || !options.body.name) throw new ApiError("conflict", "An account for this address appeared meanwhile. Open the link again.");
      staff = await tx.staff.create({ data: { email: taken.email, name: options.body.name, passwordHash }, select: { id: true } });
    } else if (passwordHash) {
      // The page asked for a new password but the account exists now: never overwrite it.
      throw new ApiError("conflict", "An account for this address appeared meanwhile. Open the link again.");
    }
    await tx.$executeRaw`
      INSERT INTO staff_memberships (staff_id, org_id, role) VALUES (${staff.id}::uuid, ${taken.org_id}::uuid, ${taken.role}::"StaffRole")
      ON CONFLICT (staff_id, org_id) DO NOTHING`;
    await recordAuditEvent({ orgId: taken.org_id, type: "staff.invitation_accepted", actorStaffId: staff.id, ip: options.ip, data: { role: taken.role, newAccount, invitedBy: taken.invited_by } }, tx);
    return { joined: true as const, orgName: invitation.orgName, newAccount };
  });
}
