// A site out of SSO — its kill switch off, or the organisation's mode Disabled — behaves as
// unlinked from the very next request: status `unknown`, no hint of a sign-on elsewhere, no
// meta to read or write. The kill switch also ends the site's links (the breach response).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { updateSiteSso } from "@/lib/admin/sites";
import { siteUrl, ssoStatus } from "./flows";
import { knownOnSport } from "./scenarios";
import type { TestBrowser } from "./browser";

function putMeta(browser: TestBrowser, host: string, body: unknown) {
  return browser.json(siteUrl(host, "/api/sso/status/meta"), { method: "PUT", body, sameOrigin: true });
}

/** Known on sport, with meta written there (so there is something a site out of SSO must stop sharing). */
async function knownOnSportWithMeta() {
  const known = await knownOnSport();
  expect((await putMeta(known.browser, known.sport, { plan: "gold" })).status).toBe(200);
  return known;
}

describe("a site out of SSO shares nothing", () => {
  it("kill switch off: the site's status is unknown with no hint and no meta, and meta writes are refused", async () => {
    const { org, sport, browser } = await knownOnSportWithMeta();
    await db.site.update({ where: { id: org.site("sport").id }, data: { ssoEnabled: false } });

    const status = await ssoStatus(browser, sport);
    expect(status).toEqual({ status: "unknown", meta: { reader: {} }, user: null });
    const write = await putMeta(browser, sport, { plan: "platinum" });
    expect(write.status).toBe(409);
    expect(write.json).toMatchObject({ error: { code: "not_linked" } });
  });

  it("organisation Disabled: a site where the reader signed in by password reports unknown, no user, no meta", async () => {
    const { org, news, browser } = await knownOnSportWithMeta();
    await db.organization.update({ where: { id: org.id }, data: { ssoMode: "disabled" } });
    expect(await ssoStatus(browser, news)).toEqual({ status: "unknown", meta: { reader: {} }, user: null });
    expect((await putMeta(browser, news, { plan: "platinum" })).status).toBe(409);
  });

  it("the kill switch ends the site's links: switched back on, nothing of the old link is shared until a new handshake", async () => {
    const { org, sport, browser } = await knownOnSportWithMeta();
    const staff = await db.staff.create({ data: { email: `kill-${org.slug}@example.test`, name: "K", passwordHash: "x" } });
    await updateSiteSso({ orgId: org.id, siteSlug: "sport", actorStaffId: staff.id, changes: { ssoEnabled: false } });
    expect(await db.siteSession.count({ where: { siteId: org.site("sport").id, ssoTokenId: { not: null } } })).toBe(0);
    const event = await db.auditEvent.findFirstOrThrow({ where: { orgId: org.id, type: "sso.site_participation_changed" } });
    expect(event.data).toMatchObject({ old: true, new: false, unlinkedSessions: 1 });

    await updateSiteSso({ orgId: org.id, siteSlug: "sport", actorStaffId: staff.id, changes: { ssoEnabled: true } });
    expect(await ssoStatus(browser, sport)).toEqual({ status: "unknown", meta: { reader: {} }, user: null });
  });
});
