// Integration: staff sessions against the real database.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createStaffSession, revokeStaffSession, STAFF_SESSION_IDLE_SECONDS, validateStaffSession } from "./staff-sessions";
import { createFixtureOrg, createFixtureStaff } from "./test-fixtures";

describe("staff sessions", () => {
  it("validates to the staff member and their memberships as they are now", async () => {
    const org = await createFixtureOrg();
    const staff = await createFixtureStaff([{ orgId: org.id, role: "admin" }]);
    const { id } = await createStaffSession({ staffId: staff.id, ip: "203.0.113.1", userAgent: "test" });
    expect(await validateStaffSession({ sessionId: id })).toMatchObject({ staff: { id: staff.id }, memberships: [{ slug: org.slug, role: "admin" }] });

    // A role changed or removed takes effect on the very next request.
    await db.staffMembership.update({ where: { staffId_orgId: { staffId: staff.id, orgId: org.id } }, data: { role: "viewer" } });
    expect((await validateStaffSession({ sessionId: id })).memberships).toEqual([expect.objectContaining({ role: "viewer" })]);
    await db.staffMembership.delete({ where: { staffId_orgId: { staffId: staff.id, orgId: org.id } } });
    expect((await validateStaffSession({ sessionId: id })).memberships).toEqual([]);
  });

  it("a revoked, idle, expired or made-up session is no session", async () => {
    const staff = await createFixtureStaff([]);
    const revoked = await createStaffSession({ staffId: staff.id, ip: "203.0.113.1", userAgent: null });
    await revokeStaffSession({ sessionId: revoked.id });
    expect((await validateStaffSession({ sessionId: revoked.id })).staff).toBeNull();

    const idle = await createStaffSession({ staffId: staff.id, ip: "203.0.113.1", userAgent: null });
    await db.staffSession.update({ where: { id: idle.id }, data: { lastSeenAt: new Date(Date.now() - (STAFF_SESSION_IDLE_SECONDS + 60) * 1000) } });
    expect((await validateStaffSession({ sessionId: idle.id })).staff).toBeNull();

    const expired = await createStaffSession({ staffId: staff.id, ip: "203.0.113.1", userAgent: null });
    await db.staffSession.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await validateStaffSession({ sessionId: expired.id })).staff).toBeNull();

    expect((await validateStaffSession({ sessionId: "00000000-0000-4000-8000-000000000000" })).staff).toBeNull();
    expect((await validateStaffSession({ sessionId: "not-a-uuid" })).staff).toBeNull();
    expect((await validateStaffSession({ sessionId: undefined })).staff).toBeNull();
  });

  it("a deleted staff member's sessions end with them", async () => {
    const staff = await createFixtureStaff([]);
    const { id } = await createStaffSession({ staffId: staff.id, ip: "203.0.113.1", userAgent: null });
    await db.staff.delete({ where: { id: staff.id } });
    expect((await validateStaffSession({ sessionId: id })).staff).toBeNull();
  });
});
