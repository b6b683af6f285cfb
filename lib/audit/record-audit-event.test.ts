// Integration: audit events against the real database.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { generateSecret } from "@/lib/security/secrets";
import type { AuditEventType } from "./audit-event-types";
import { recordAuditEvent } from "./record-audit-event";

const tag = randomUUID().slice(0, 8);
const org = await db.organization.create({ data: { slug: `org-${tag}`, name: `Org ${tag}`, authHost: `auth.t${tag}.test` } });

afterAll(async () => {
  await db.organization.delete({ where: { id: org.id } });
});

describe("recordAuditEvent", () => {
  it("stores the event with its details", async () => {
    const readerId = randomUUID();
    await recordAuditEvent({
      orgId: org.id,
      type: "sso.ott_replayed",
      readerId,
      data: { ssoTokenId: "t-1", at: new Date("2026-01-02T03:04:05Z"), skipped: undefined },
      ip: "203.0.113.7",
    });
    const events = await db.auditEvent.findMany({ where: { orgId: org.id, type: "sso.ott_replayed" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      readerId,
      actorStaffId: null,
      siteId: null,
      ip: "203.0.113.7",
      data: { ssoTokenId: "t-1", at: "2026-01-02T03:04:05.000Z" },
    });
  });

  it("commits and rolls back with the transaction it is given", async () => {
    await db.$transaction(async (tx) => {
      await recordAuditEvent({ orgId: org.id, type: "sso.mode_changed", data: { from: "disabled", to: "opt_in" } }, tx);
    });
    await expect(
      db.$transaction(async (tx) => {
        await recordAuditEvent({ orgId: org.id, type: "sso.settings_changed", data: { field: "ottTtlSeconds" } }, tx);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.auditEvent.count({ where: { orgId: org.id, type: "sso.mode_changed" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { orgId: org.id, type: "sso.settings_changed" } })).toBe(0);
  });

  it("secrets are never logged: refuses secret-named keys and secret-shaped values and writes nothing", async () => {
    await expect(recordAuditEvent({ orgId: org.id, type: "auth.signin_failed", data: { password: "hunter2" } })).rejects.toThrow(
      /never logged/,
    );
    await expect(
      recordAuditEvent({ orgId: org.id, type: "auth.signin_failed", data: { detail: { value: generateSecret() } } }),
    ).rejects.toThrow(/never logged/);
    expect(await db.auditEvent.count({ where: { orgId: org.id, type: "auth.signin_failed" } })).toBe(0);
  });

  it("refuses a type outside the closed list", async () => {
    await expect(recordAuditEvent({ orgId: org.id, type: "sso.whatever" as AuditEventType })).rejects.toThrow(/unknown audit event type/);
  });
});
