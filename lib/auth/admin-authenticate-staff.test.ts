// Integration: staff password checks and their throttling against the real database.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { SIGNIN_FAILURE_PER_ACCOUNT } from "@/lib/security/rate-limits";
import { authenticateStaff } from "./admin-authenticate-staff";
import { hashPassword } from "./password";

async function createStaff(orgId: string | null) {
  const email = `staff-${randomUUID().slice(0, 8)}@example.test`;
  const staff = await db.staff.create({
    data: { email, name: "S", passwordHash: await hashPassword("right-password"), ...(orgId ? { memberships: { create: { orgId, role: "admin" } } } : {}) },
  });
  return { ...staff, email };
}

function randomIp(): string {
  return `198.18.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;
}

describe("authenticateStaff", () => {
  it("accepts the right password (email case-insensitively) and refuses a wrong one the same way as an unknown email", async () => {
    const staff = await createStaff(null);
    expect(await authenticateStaff({ email: staff.email.toUpperCase(), password: "right-password", ip: randomIp() })).toMatchObject({ ok: true, staff: { id: staff.id } });
    expect(await authenticateStaff({ email: staff.email, password: "wrong", ip: randomIp() })).toEqual({ ok: false, reason: "invalid_credentials" });
    expect(await authenticateStaff({ email: "nobody-here@example.test", password: "wrong", ip: randomIp() })).toEqual({ ok: false, reason: "invalid_credentials" });
  });

  it("past the account's budget (failures from many addresses), refuses a new address even with the right password, and tells the organisations", async () => {
    const org = await db.organization.create({ data: { slug: `org-${randomUUID().slice(0, 8)}`, name: "O", authHost: `auth-${randomUUID().slice(0, 8)}.test` } });
    const staff = await createStaff(org.id);
    for (let i = 0; i < SIGNIN_FAILURE_PER_ACCOUNT.limit; i++) {
      expect((await authenticateStaff({ email: staff.email, password: `wrong-${i}`, ip: randomIp() })).ok).toBe(false);
    }
    expect(await authenticateStaff({ email: staff.email, password: "right-password", ip: randomIp() })).toMatchObject({ ok: false, reason: "throttled", scope: "account" });
    expect(await db.auditEvent.count({ where: { orgId: org.id, type: "staff.lockout", actorStaffId: staff.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { type: "staff.signin_failed", actorStaffId: staff.id } })).toBe(SIGNIN_FAILURE_PER_ACCOUNT.limit);
  });

  it("is throttled apart from readers: a reader's lockout with the same email does not lock the staff account", async () => {
    const staff = await createStaff(null);
    await db.rateLimitBucket.create({ data: { key: `signin-fail:account:any-org:${staff.email}`, count: 100, windowStart: new Date(), expiresAt: new Date(Date.now() + 900_000) } });
    expect((await authenticateStaff({ email: staff.email, password: "right-password", ip: randomIp() })).ok).toBe(true);
  });
});
