// Issue 18, parts 2 and 4, in Chromium: the concurrent-device limit set in Identity › Settings
// (evict_oldest: a third browser signs in, the oldest browser's next page says it was signed out;
// deny_new: the new browser's sign-in form says why it was refused) and data rights end to end
// (the export downloaded from the account page; deletion confirmed by a link that arrives at the
// run's SMTP catcher; the address registers again).
import { readFile } from "node:fs/promises";
import type { Browser, Page } from "@playwright/test";
import { db } from "@/lib/db/client";
import { linkIn, waitForMail } from "@/scripts/mail/caught-mail";
import { createTestStaff } from "../test/http/admin-support";
import { openAdminConsole } from "./support/admin";
import { clientAddress, expect, signInViaUi, test } from "./support/fixtures";
import { hostUrl } from "./support/hosts";

const ARTICLE = "/articles/harbour-bridge-reopens";

/** A new browser (its own context: another device) signed in as the reader through the site's form. */
async function signedInDevice(browser: Browser, host: string, reader: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: clientAddress() });
  const page = await context.newPage();
  await page.goto(hostUrl(host, "/signin"));
  await page.getByLabel("Email").fill(reader.email);
  await page.getByLabel("Password").fill(reader.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // Several browsers and the console are open at once on a shared machine: the page after the
  // sign-in may take longer than the default 5 s to render.
  await expect(page.getByTestId("signed-in-as")).toBeVisible({ timeout: 20_000 });
  return page;
}

test("evict_oldest with a limit of 2, set in Identity › Settings: a third device signs in and the oldest device's next page says it was signed out", async ({ browser, makeOrg }) => {
  test.setTimeout(120_000);
  const org = await makeOrg("auto_login");
  const reader = await org.createReader();
  const news = org.site("news");
  const staff = await createTestStaff([{ orgId: org.id, role: "admin" }]);
  const admin = await openAdminConsole(browser, staff);
  await admin.goto(hostUrl("admin.localhost", `/orgs/${org.slug}/identity/settings`));
  const section = admin.getByRole("form", { name: "Devices per reader" });
  await section.getByLabel("Limit devices per reader").check();
  await section.getByLabel("At most").fill("2");
  await section.getByLabel("Sign out the oldest device").check();
  await section.getByRole("button", { name: "Set the device limit" }).click();
  await expect(admin.getByText("Saved: at most 2 devices per reader; sign out the oldest device.")).toBeVisible();

  const oldest = await signedInDevice(browser, news.host, reader);
  const second = await signedInDevice(browser, news.host, reader);
  const third = await signedInDevice(browser, news.host, reader);

  // The oldest device's next page: signed out, and told why.
  await oldest.goto(hostUrl(news.host, ARTICLE));
  await expect(oldest.getByRole("status").filter({ hasText: "You were signed out on this device because your account signed in on another one" })).toBeVisible();
  await expect(oldest.getByTestId("signed-in-as")).toHaveCount(0);
  // The other two stay signed in.
  for (const page of [second, third]) {
    await page.goto(hostUrl(news.host, ARTICLE));
    await expect(page.getByTestId("signed-in-as")).toBeVisible();
  }
  // The console's Readers page shows the count against the limit.
  await admin.goto(hostUrl("admin.localhost", `/orgs/${org.slug}/readers?q=${encodeURIComponent(reader.email)}`));
  await expect(admin.getByRole("row", { name: new RegExp(reader.email) }).locator("td[data-label=Devices]")).toHaveText("2 / 2");
  expect(await db.auditEvent.count({ where: { readerId: (await db.reader.findFirstOrThrow({ where: { email: reader.email, orgId: org.id } })).id, type: "reader.device_evicted" } })).toBe(1);
});

test("deny_new: the sign-in form of one device too many says why it was refused, and the reader is not signed in there", async ({ browser, makeOrg }) => {
  test.setTimeout(90_000);
  const org = await makeOrg("auto_login");
  await db.organization.update({ where: { id: org.id }, data: { deviceLimit: 1, deviceLimitPolicy: "deny_new" } });
  const reader = await org.createReader();
  const news = org.site("news");
  const first = await signedInDevice(browser, news.host, reader);
  const refused = await (await browser.newContext({ extraHTTPHeaders: clientAddress() })).newPage();
  await refused.goto(hostUrl(news.host, "/signin"));
  await refused.getByLabel("Email").fill(reader.email);
  await refused.getByLabel("Password").fill(reader.password);
  await refused.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(refused.getByTestId("form-error")).toContainText("You are already signed in on 1 device, the most this account allows.");
  await refused.goto(hostUrl(news.host, ARTICLE));
  await expect(refused.getByTestId("signed-in-as")).toHaveCount(0);
  // The first device is untouched.
  await first.goto(hostUrl(news.host, ARTICLE));
  await expect(first.getByTestId("signed-in-as")).toBeVisible();
});

test("data rights end to end: download my data, delete the account by an emailed confirmation link, register again with the same address", async ({ page, makeOrg }) => {
  test.setTimeout(120_000);
  const org = await makeOrg("auto_login");
  const reader = await org.createReader();
  const news = org.site("news");
  await signInViaUi(page, news.host, reader);
  await page.goto(hostUrl(news.host, "/account"));

  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download my data" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^my-data-.*\.json$/);
  const data = JSON.parse(await readFile((await download.path())!, "utf8")) as { profile: { email: string }; sessions: unknown[]; auditEvents: { type: string }[] };
  expect(data.profile.email).toBe(reader.email);
  expect(data.sessions.length).toBeGreaterThan(0);
  expect(data.auditEvents.map((e) => e.type)).toContain("auth.signin");

  await page.getByRole("button", { name: "Email me a confirmation link instead" }).click();
  await expect(page.getByRole("status").filter({ hasText: `We sent a link to ${reader.email}` })).toBeVisible();
  const link = linkIn(await waitForMail(reader.email, /Confirm the deletion of your account/), "/account/delete?token=");
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Delete your account");
  expect(await db.reader.count({ where: { orgId: org.id, email: reader.email } })).toBe(1);
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/account\/deleted$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your account was deleted");
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
  expect(await db.reader.count({ where: { orgId: org.id, email: reader.email } })).toBe(0);

  // The address is free again.
  await page.goto(hostUrl(news.host, "/register"));
  await page.getByLabel("Email").fill(reader.email);
  await page.getByLabel("Password").fill("a-brand-new-password-77");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  expect(await db.reader.count({ where: { orgId: org.id, email: reader.email } })).toBe(1);
});
