// Integration: a site's SSO switches against the real database.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { listSites, updateSiteSso } from "./sites";
import { createFixtureOrg, createFixtureStaff } from "./test-fixtures";

describe("updateSiteSso", () => {
  it("the kill switch takes one site out of SSO (effective mode disabled) and leaves the others alone, audited", async () => {
    const org = await createFixtureOrg({ mode: "auto_login" });
    const staff = await createFixtureStaff([{ orgId: org.id, role: "admin" }]);
    const site = await updateSiteSso({ orgId: org.id, siteSlug: "news", actorStaffId: staff.id, changes: { ssoEnabled: false } });
    expect(site).toMatchObject({ slug: "news", ssoEnabled: false, effectiveMode: "disabled" });
    const sites = await listSites({ orgId: org.id });
    expect(sites.find((s) => s.slug === "sport")).toMatchObject({ ssoEnabled: true, effectiveMode: "auto_login" });
    const event = await db.auditEvent.findFirstOrThrow({ where: { orgId: org.id, type: "sso.site_participation_changed" } });
    expect(event).toMatchObject({ siteId: org.site("news").id, actorStaffId: staff.id, data: { site: "news", field: "ssoEnabled", old: true, new: false } });
  });

  it("sets and clears a site's own mode, audited as old → new", async () => {
    const org = await createFixtureOrg({ mode: "auto_login" });
    const staff = await createFixtureStaff([{ orgId: org.id, role: "admin" }]);
    expect(await updateSiteSso({ orgId: org.id, siteSlug: "sport", actorStaffId: staff.id, changes: { ssoModeOverride: "opt_in" } })).toMatchObject({ effectiveMode: "opt_in" });
    expect(await updateSiteSso({ orgId: org.id, siteSlug: "sport", actorStaffId: staff.id, changes: { ssoModeOverride: null } })).toMatchObject({ effectiveMode: "auto_login" });
    const events = await db.auditEvent.findMany({ where: { orgId: org.id, type: "sso.site_mode_changed" }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.data)).toEqual([
      { site: "sport", field: "ssoModeOverride", old: null, new: "opt_in" },
      { site: "sport", field: "ssoModeOverride", old: "opt_in", new: null },
    ]);
  });

  it("does not find a site of another organisation", async () => {
    const mine = await createFixtureOrg();
    const theirs = await createFixtureOrg({ sites: ["daily"] });
    const staff = await createFixtureStaff([{ orgId: mine.id, role: "owner" }]);
    await expect(updateSiteSso({ orgId: mine.id, siteSlug: "daily", actorStaffId: staff.id, changes: { ssoEnabled: false } })).rejects.toMatchObject({ code: "not_found" });
    expect((await db.site.findUniqueOrThrow({ where: { id: theirs.site("daily").id } })).ssoEnabled).toBe(true);
  });
});
