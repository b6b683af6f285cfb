// Automated accessibility checks (axe, WCAG 2.x A/AA rules): no serious or critical violations.
import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, signInViaUi, test } from "./support/fixtures";
import { hostUrl } from "./support/hosts";
import { openAdminConsole } from "./support/admin";
import { createTestStaff } from "../test/http/admin-support";
import { db } from "@/lib/db/client";
import { registerExternalSite } from "@/lib/sso/external/site-client";

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}

test("the Opt In prompt has no serious accessibility violations", async ({ page, makeOrg }) => {
  const org = await makeOrg("opt_in");
  const reader = await org.createReader();
  await signInViaUi(page, org.site("news").host, reader);
  await page.goto(hostUrl(org.site("sport").host, "/"));
  await expect(page.getByTestId("consent-prompt")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("the sign-in, registration and account pages have no serious accessibility violations", async ({ page, makeOrg }) => {
  const org = await makeOrg("opt_in");
  const reader = await org.createReader();
  await page.goto(hostUrl(org.site("news").host, "/register"));
  expect(await seriousViolations(page)).toEqual([]);
  await page.goto(hostUrl(org.site("news").host, "/signin"));
  expect(await seriousViolations(page)).toEqual([]);
  await signInViaUi(page, org.site("news").host, reader);
  await page.goto(hostUrl(org.site("news").host, "/account"));
  // The sign-ins list loads from GET /api/account/sessions: check the page with it shown.
  await expect(page.getByTestId("browser-groups")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("every page of the admin console has no serious accessibility violations, on a laptop and a phone", async ({ browser, makeOrg }) => {
  // axe over ~20 pages at two widths: more than the default budget on a loaded 2-core machine.
  test.setTimeout(150_000);
  const org = await makeOrg("auto_login");
  const staff = await createTestStaff([{ orgId: org.id, role: "admin" }]);
  const reader = await org.createReader();
  const readerId = reader.id;
  // Something in every table: a settings change (audit log), a reader, a site session.
  const signedIn = await browser.newPage();
  await signInViaUi(signedIn, org.site("news").host, reader);
  await signedIn.close();
  await db.outboxMail.create({ data: { orgId: org.id, kind: "reader.verify_email", toAddress: `gone-${org.slug}@reject.invalid`, fromAddress: "News <news@example.com>", subject: "Confirm", state: "dead", attempts: 1, lastError: "550 refused" } });
  await db.auditEvent.create({ data: { orgId: org.id, type: "sso.mode_changed", actorStaffId: staff.id, ip: "203.0.113.9", data: { field: "mode", old: "opt_in", new: "auto_login" } } });
  const paths = [
    `/orgs/${org.slug}/identity/settings`,
    `/orgs/${org.slug}/identity/mail`,
    `/orgs/${org.slug}/sites`,
    `/orgs/${org.slug}/readers`,
    `/orgs/${org.slug}/readers/${readerId}`,
    `/orgs/${org.slug}/audit`,
    `/orgs/${org.slug}/activity`,
    `/orgs/${org.slug}/no-such-page`,
    "/api-docs",
  ];
  for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
    const page = await openAdminConsole(browser, staff, viewport);
    for (const path of paths) {
      await page.goto(hostUrl("admin.localhost", path));
      expect(await seriousViolations(page), `${path} at ${viewport.width} px`).toEqual([]);
    }
    // The mode-switch confirmation, open.
    await page.goto(hostUrl("admin.localhost", `/orgs/${org.slug}/identity/settings`));
    await page.getByRole("radio", { name: /^Disabled/ }).check();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("dialog")).toBeVisible();
    expect(await seriousViolations(page), `confirmation at ${viewport.width} px`).toEqual([]);
    await page.context().close();
  }
  // Axe needs a page of a context it may open frames in (not browser.newPage()).
  const anonymous = await browser.newContext();
  const signIn = await anonymous.newPage();
  await signIn.goto(hostUrl("admin.localhost", "/"));
  expect(await seriousViolations(signIn), "sign-in").toEqual([]);
  await signIn.goto(hostUrl("admin.localhost", "/no-such-page"));
  expect(await seriousViolations(signIn), "404 signed out").toEqual([]);
  await anonymous.close();
});

test("the console's automation pages (external sites, API tokens, webhooks) have no serious accessibility violations, on a laptop and a phone", async ({ browser, makeOrg }) => {
  // Six axe runs; under a loaded shared machine one run has taken over 20 s.
  test.setTimeout(300_000);
  const org = await makeOrg("auto_login");
  const staff = await createTestStaff([{ orgId: org.id, role: "owner" }]);
  // Something in every table: a token, a webhook with a delivery, an external site.
  await db.apiToken.create({ data: { orgId: org.id, name: "deploy pipeline", role: "admin", tokenHash: new Uint8Array(randomBytes(32)), displayPrefix: "mss_pat_AbCd" } });
  const webhook = await db.webhook.create({ data: { orgId: org.id, url: "https://siem.example.com/hooks/sso", eventTypes: ["sso."], sealedSecret: new Uint8Array(40) } });
  const event = await db.auditEvent.create({ data: { orgId: org.id, type: "sso.mode_changed", data: {} } });
  await db.webhookDelivery.create({ data: { webhookId: webhook.id, orgId: org.id, auditEventId: event.id, eventType: "sso.mode_changed", payload: {}, state: "dead", attempts: 3, lastStatus: 500, lastError: "the receiver answered 500" } });
  await registerExternalSite({ orgId: org.id, slug: "partner", name: "Partner", callbackUrl: "https://partner.example.com/callback" });
  for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
    const page = await openAdminConsole(browser, staff, viewport);
    for (const path of ["external-sites", "api-tokens", "webhooks"]) {
      await page.goto(hostUrl("admin.localhost", `/orgs/${org.slug}/${path}`));
      expect(await seriousViolations(page), `${path} at ${viewport.width} px`).toEqual([]);
    }
    await page.context().close();
  }
});
