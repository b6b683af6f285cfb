import { describe, expect, it } from "vitest";
import { auditLogQuerySchema, describeAuditData } from "./audit-log";

describe("audit log presentation and filters", () => {
  it("shows changes as old → new", () => {
    expect(describeAuditData("sso.mode_changed", { field: "mode", old: "auto_login", new: "opt_in" })).toBe("mode: auto_login → opt_in");
    expect(describeAuditData("sso.site_mode_changed", { site: "news", field: "ssoModeOverride", old: null, new: "disabled" })).toBe("news · ssoModeOverride: — → disabled");
  });

  it("accepts categories, exact types and prefixes of known types; refuses the rest", () => {
    expect(auditLogQuerySchema.safeParse({ type: "security" }).success).toBe(true);
    expect(auditLogQuerySchema.safeParse({ type: "sso.mode_changed" }).success).toBe(true);
    expect(auditLogQuerySchema.safeParse({ type: "sso.ott_" }).success).toBe(true);
    expect(auditLogQuerySchema.safeParse({ type: "nothing.like.this" }).success).toBe(false);
    expect(auditLogQuerySchema.safeParse({ type: "sso.%" }).success).toBe(false);
    expect(auditLogQuerySchema.safeParse({ type: "" }).data).toEqual({});
  });

  it("validates dates and cursors before any query", () => {
    expect(auditLogQuerySchema.safeParse({ from: "2026-02-30" }).success).toBe(false);
    expect(auditLogQuerySchema.safeParse({ before: "2026-11-22T10:00:00.000Z~not-a-uuid-not-a-uuid-not-a-uuid-xx" }).success).toBe(false);
    expect(auditLogQuerySchema.parse({ before: "2026-11-22T10:00:00.000Z~0b5e6a9e-7c1f-4d7e-9d1a-2f3b4c5d6e7f" }).before).toEqual({
      at: new Date("2026-11-22T10:00:00.000Z"),
      id: "0b5e6a9e-7c1f-4d7e-9d1a-2f3b4c5d6e7f",
    });
  });
});
