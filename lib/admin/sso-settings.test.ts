// Integration: changing an organisation's SSO settings against the real database.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { getSsoSettings, updateSsoSettings } from "./sso-settings";
import { createFixtureOrg, createFixtureStaff } from "./test-fixtures";

describe("updateSsoSettings", () => {
  it("updates the organisation and writes one audit row per changed field, with who and old → new", async () => {
    const org = await createFixtureOrg({ mode: "auto_login" });
    const staff = await createFixtureStaff([{ orgId: org.id, role: "admin" }]);
    const { changed } = await updateSsoSettings({
      orgId: org.id,
      actorStaffId: staff.id,
      changes: { mode: "opt_in", ottTtlSeconds: 30, promptReveal: { email: true, name: true, site: true } },
      ip: "203.0.113.9",
    });
    expect(changed.map((c) => c.field)).toEqual(["mode", "ottTtlSeconds", "promptReveal.name"]);
    expect(await getSsoSettings({ orgId: org.id })).toMatchObject({ mode: "opt_in", ottTtlSeconds: 30, promptReveal: { email: true, name: true, site: true } });
    const events = await db.auditEvent.findMany({ where: { orgId: org.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => ({ type: e.type, data: e.data, actor: e.actorStaffId, ip: e.ip }))).toEqual([
      { type: "sso.mode_changed", data: { field: "mode", old: "auto_login", new: "opt_in" }, actor: staff.id, ip: "203.0.113.9" },
      { type: "sso.settings_changed", data: { field: "ottTtlSeconds", old: 60, new: 30 }, actor: staff.id, ip: "203.0.113.9" },
      { type: "sso.settings_changed", data: { field: "promptReveal.name", old: false, new: true }, actor: staff.id, ip: "203.0.113.9" },
    ]);
  });

  it("writes nothing when nothing changes", async () => {
    const org = await createFixtureOrg({ mode: "opt_in" });
    const staff = await createFixtureStaff([{ orgId: org.id, role: "owner" }]);
    expect((await updateSsoSettings({ orgId: org.id, actorStaffId: staff.id, changes: { mode: "opt_in" } })).changed).toEqual([]);
    expect(await db.auditEvent.count({ where: { orgId: org.id } })).toBe(0);
  });

  it("refuses an idle lifetime longer than the absolute one and changes nothing", async () => {
    const org = await createFixtureOrg({ mode: "auto_login" });
    const staff = await createFixtureStaff([{ orgId: org.id, role: "admin" }]);
    await expect(
      updateSsoSettings({ orgId: org.id, actorStaffId: staff.id, changes: { mode: "disabled", sessionAbsoluteSeconds: 3_600 } }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    expect((await getSsoSettings({ orgId: org.id })).mode).toBe("auto_login");
    expect(await db.auditEvent.count({ where: { orgId: org.id } })).toBe(0);
  });

  it("records the true old value for each of two concurrent changes (the row is locked)", async () => {
    const org = await createFixtureOrg({ mode: "auto_login" });
    const staff = await createFixtureStaff([{ orgId: org.id, role: "admin" }]);
    await Promise.all([
      updateSsoSettings({ orgId: org.id, actorStaffId: staff.id, changes: { mode: "opt_in" } }),
      updateSsoSettings({ orgId: org.id, actorStaffId: staff.id, changes: { mode: "disabled" } }),
    ]);
    const events = await db.auditEvent.findMany({ where: { orgId: org.id, type: "sso.mode_changed" }, orderBy: { createdAt: "asc" } });
    expect(events).toHaveLength(2);
    const [first, second] = events.map((e) => e.data as { old: string; new: string });
    expect(first?.old).toBe("auto_login");
    expect(second?.old).toBe(first?.new);
    expect((await getSsoSettings({ orgId: org.id })).mode).toBe(second?.new);
  });
});
