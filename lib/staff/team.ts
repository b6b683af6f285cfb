// An organisation's staff, as the Team page and its API see them: list, change a role, remove.
// Only owners change roles or remove anyone (route role "owner"), and an organisation always
// keeps at least one owner. That rule is decided under a lock on the organisation's row, so
// two owners demoting (or removing) each other at the same moment cannot both succeed: the
// second one waits, then counts the owners as they are after the first.
import { z } from "zod";
import { db } from "@/lib/db/client";
import { runTransaction } from "@/lib/db/transaction";
import { ApiError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import type { StaffRole } from "@/lib/admin/roles";

export const staffRoleSchema = z.enum(["owner", "admin", "viewer"]);
export const staffMemberParamsSchema = z.object({ orgSlug: z.string(), staffId: z.uuid() });
export const changeRoleBodySchema = z.strictObject({ role: staffRoleSchema });

export const teamMemberSchema = z.object({
  staffId: z.string(),
  name: z.string(),
  email: z.string(),
  role: staffRoleSchema,
  twoFactor: z.boolean(),
  joinedAt: z.string(),
});
export const pendingInvitationSchema = z.object({ id: z.string(), email: z.string(), role: staffRoleSchema, expiresAt: z.string(), invitedBy: z.string().nullable() });
export const teamResponseSchema = z.object({
  members: z.array(teamMemberSchema),
  invitations: z.array(pendingInvitationSchema),
  twoFactorPolicy: z.enum(["off", "owners", "everyone"]),
});
export type Team = z.infer<typeof teamResponseSchema>;

export async function getTeam(options: { orgId: string }): Promise<Team> {
  const [org, memberships, invitations] = await Promise.all([
    db.organization.findUnique({ where: { id: options.orgId }, select: { staffTwoFactor: true } }),
    db.staffMembership.findMany({
      where: { orgId: options.orgId },
      select: { role: true, createdAt: true, staff: { select: { id: true, name: true, email: true, totpEnabledAt: true } } },
      orderBy: [{ createdAt: "asc" }],
    }),
    db.staffInvitation.findMany({
      // Pending: neither used nor withdrawn, and not expired by the database's clock.
      where: { orgId: options.orgId, acceptedAt: null, withdrawnAt: null, expiresAt: { gt: await databaseNow() } },
      select: { id: true, email: true, role: true, expiresAt: true, inviter: { select: { name: true } } },
      orderBy: [{ createdAt: "desc" }],
    }),
  ]);
  if (!org) throw new ApiError("not_found", "No such organisation.");
  return {
    members: memberships.map((m) => ({
      staffId: m.staff.id,
      name: m.staff.name,
      email: m.staff.email,
      role: m.role,
      twoFactor: m.staff.totpEnabledAt !== null,
      joinedAt: m.createdAt.toISOString(),
    })),
    invitations: invitations.map((i) => ({ id: i.id, email: i.email, role: i.role, expiresAt: i.expiresAt.toISOString(), invitedBy: i.inviter?.name ?? null })),
    twoFactorPolicy: org.staffTwoFactor,
  };
}

async function databaseNow(): Promise<Date> {
  const [row] = await db.$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
  if (!row) throw new Error("no database clock");
  return row.now;
}

/**
 * Serialises every change to an organisation's staff (the row lock is held until the
 * transaction ends) and answers how many owners it has now.
 */
async function lockTeam(tx: Prisma.TransactionClient, orgId: string): Promise<number> {
  await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${orgId}::uuid FOR UPDATE`;
  const [row] = await tx.$queryRaw<{ owners: number }[]>`SELECT count(*)::int AS owners FROM staff_memberships WHERE org_id = ${orgId}::uuid AND role = 'owner'`;
  return row?.owners ?? 0;
}

const LAST_OWNER_MESSAGE = "An organisation must keep at least one owner. Make someone else an owner first.";

export async function changeStaffRole(options: { orgId: string; staffId: string; role: StaffRole; actorStaffId: string; ip: string }): Promise<{ role: StaffRole }> {
  return runTransaction(async (tx) => {
    const owners = await lockTeam(tx, options.orgId);
    const membership = await tx.staffMembership.findUnique({ where: { staffId_orgId: { staffId: options.staffId, orgId: options.orgId } }, select: { role: true } });
    if (!membership) throw new ApiError("not_found", "No such staff member in this organisation.");
    if (membership.role === options.role) return { role: options.role };
    if (membership.role === "owner" && owners <= 1) throw new ApiError("conflict", LAST_OWNER_MESSAGE);
    await tx.staffMembership.update({ where: { staffId_orgId: { staffId: options.staffId, orgId: options.orgId } }, data: { role: options.role } });
    await recordAuditEvent(
      { orgId: options.orgId, type: "staff.role_changed", actorStaffId: options.actorStaffId, ip: options.ip, data: { staffId: options.staffId, field: "role", old: membership.role, new: options.role } },
      tx,
    );
    return { role: options.role };
  });
}

export async function removeStaffMember(options: { orgId: string; staffId: string; actorStaffId: string; ip: string }): Promise<{ removed: true }> {
  return runTransaction(async (tx) => {
    const owners = await lockTeam(tx, options.orgId);
    const membership = await tx.staffMembership.findUnique({ where: { staffId_orgId: { staffId: options.staffId, orgId: options.orgId } }, select: { role: true } });
    if (!membership) throw new ApiError("not_found", "No such staff member in this organisation.");
    if (membership.role === "owner" && owners <= 1) throw new ApiError("conflict", LAST_OWNER_MESSAGE);
    await tx.staffMembership.delete({ where: { staffId_orgId: { staffId: options.staffId, orgId: options.orgId } } });
    // The membership is read with the session on every request, so access ends at once; the
    // account (and its sessions, for its other organisations) stays.
    await recordAuditEvent({ orgId: options.orgId, type: "staff.removed", actorStaffId: options.actorStaffId, ip: options.ip, data: { staffId: options.staffId, role: membership.role } }, tx);
    return { removed: true as const };
  });
}

export const twoFactorPolicyBodySchema = z.strictObject({ policy: z.enum(["off", "owners", "everyone"]) });

/** Which staff must sign in with a second factor (owners only change it); audited old → new. */
export async function setTwoFactorPolicy(options: { orgId: string; policy: "off" | "owners" | "everyone"; actorStaffId: string; ip: string }): Promise<{ policy: string }> {
  return runTransaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ old: string }[]>`SELECT staff_two_factor::text AS old FROM organizations WHERE id = ${options.orgId}::uuid FOR UPDATE`;
    if (!row) throw new ApiError("not_found", "No such organisation.");
    if (row.old !== options.policy) {
      await tx.$executeRaw`UPDATE organizations SET staff_two_factor = ${options.policy}::"StaffTwoFactorPolicy", updated_at = now() WHERE id = ${options.orgId}::uuid`;
      await recordAuditEvent(
        { orgId: options.orgId, type: "staff.two_factor_policy_changed", actorStaffId: options.actorStaffId, ip: options.ip, data: { field: "staffTwoFactor", old: row.old, new: options.policy } },
        tx,
      );
    }
    return { policy: options.policy };
  });
}

