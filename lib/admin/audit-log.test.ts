// Integration: the audit log's filters and keyset pagination against the real database.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { AuditEventType } from "@/lib/audit/audit-event-types";
import { auditLogQuerySchema, listAuditEvents } from "./audit-log";
import { createFixtureOrg, createFixtureStaff } from "./test-fixtures";

const BASE = new Date("2026-03-10T12:00:00.000Z").getTime();

async function seedEvents(orgId: string, count: number, type: (i: number) => AuditEventType, at: (i: number) => Date) {
  await db.auditEvent.createMany({ data: Array.from({ length: count }, (_, i) => ({ id: randomUUID(), orgId, type: type(i), createdAt: at(i), data: { i } })) });
}

describe("listAuditEvents", () => {
  it("pages through every event exactly once, newest first, 50 a page, also when times tie; and back", async () => {
    const org = await createFixtureOrg();
    // 120 events, every fourth pair sharing a timestamp (the id breaks the tie).
    await seedEvents(org.id, 120, () => "sso.mode_changed", (i) => new Date(BASE + Math.floor(i / 2) * 1000));
    const seen: string[] = [];
    const pages = [];
    let before: string | undefined;
    for (;;) {
      const page = await listAuditEvents({ orgId: org.id, query: auditLogQuerySchema.parse({ before }) });
      pages.push(page);
      seen.push(...page.entries.map((e) => e.id));
      if (!page.olderCursor) break;
      before = page.olderCursor;
    }
    expect(pages.map((p) => p.entries.length)).toEqual([50, 50, 20]);
    expect(new Set(seen).size).toBe(120);
    const times = pages.flatMap((p) => p.entries.map((e) => e.createdAt.getTime()));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(pages[0]?.newerCursor).toBeNull();

    // From the last page, "newer" returns exactly the previous page.
    const last = pages[2];
    const back = await listAuditEvents({ orgId: org.id, query: auditLogQuerySchema.parse({ after: last?.newerCursor }) });
    expect(back.entries.map((e) => e.id)).toEqual(pages[1]?.entries.map((e) => e.id));
  });

  it("filters by category, by type prefix and by UTC date (to inclusive)", async () => {
    const org = await createFixtureOrg();
    const types: AuditEventType[] = ["sso.mode_changed", "sso.ott_replayed", "sso.ott_expired", "auth.lockout", "logout.everywhere"];
    await seedEvents(org.id, types.length, (i) => types[i] ?? "sso.mode_changed", (i) => new Date(BASE + i * 86_400_000));
    const list = async (query: Record<string, string>) =>
      (await listAuditEvents({ orgId: org.id, query: auditLogQuerySchema.parse(query) })).entries.map((e) => e.type).sort();
    expect(await list({ type: "sso.ott_" })).toEqual(["sso.ott_expired", "sso.ott_replayed"]);
    expect(await list({ type: "security" })).toEqual(["auth.lockout", "sso.ott_expired", "sso.ott_replayed"]);
    expect(await list({ type: "changes" })).toEqual(["sso.mode_changed"]);
    expect(await list({ from: "2026-03-11", to: "2026-03-12" })).toEqual(["sso.ott_expired", "sso.ott_replayed"]);
  });

  it("names who did it, and never shows another organisation's events", async () => {
    const org = await createFixtureOrg();
    const other = await createFixtureOrg();
    const staff = await createFixtureStaff([{ orgId: org.id, role: "admin" }]);
    await db.auditEvent.create({ data: { orgId: org.id, type: "sso.mode_changed", actorStaffId: staff.id, data: { field: "mode", old: "opt_in", new: "disabled" } } });
    await db.auditEvent.create({ data: { orgId: other.id, type: "sso.mode_changed", data: {} } });
    const page = await listAuditEvents({ orgId: org.id, query: {} });
    expect(page.entries).toHaveLength(1);
    expect(page.entries[0]).toMatchObject({ actor: { name: staff.name, email: staff.email }, data: { old: "opt_in", new: "disabled" } });
  });
});
