// The change of email across the mail, in Chromium: the reader asks on the account page, the
// link arrives at the local SMTP server (the run's catcher), opening it shows a button (the GET
// changes nothing), the button changes the address, the old address is told — and the account
// page then shows the new address. Also: the account's security sections fit a 390 px phone.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { linkIn, waitForMail } from "@/scripts/mail/caught-mail";
import { expect, signInViaUi, test } from "./support/fixtures";
import { hostUrl } from "./support/hosts";

const PHONE = { width: 390, height: 844 };

test("change of email: link mailed to the new address, confirmed by a button on the site, the old address notified", async ({ page, makeOrg }) => {
  test.setTimeout(90_000);
  const org = await makeOrg("auto_login");
  const reader = await org.createReader();
  const news = org.site("news");
  await signInViaUi(page, news.host, reader);
  await page.goto(hostUrl(news.host, "/account"));
  const newEmail = `moved-${randomUUID().slice(0, 8)}@example.com`;
  const form = page.getByTestId("change-email");
  await form.getByLabel("New email").fill(newEmail);
  await form.getByLabel("Current password").fill(reader.password);
  await form.getByRole("button", { name: "Send a confirmation link" }).click();
  await expect(form.getByRole("status")).toContainText(`We sent a link to ${newEmail}`);

  const notice = await waitForMail(reader.email, /about to change/);
  expect(notice.text).toContain(newEmail);
  const link = linkIn(await waitForMail(newEmail, /Confirm your new email/), "/account/email?token=");

  // The reader opens the link (here in the same browser): a page with a button; nothing changed yet.
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Confirm your new email");
  expect((await db.reader.findUniqueOrThrow({ where: { id: reader.id } })).email).toBe(reader.email);
  await page.getByRole("button", { name: `Use ${newEmail}` }).click();
  await expect(page.getByRole("status")).toHaveText(`Your account now uses ${newEmail}.`);

  const changed = await waitForMail(reader.email, /was changed/);
  expect(changed.text).toContain(newEmail);
  await page.goto(hostUrl(news.host, "/account"));
  await expect(page.locator(".lede")).toContainText(`Signed in as ${newEmail}`);
  // Opening the used link again says so.
  await page.goto(link);
  await expect(page.locator("p[role=alert]")).toContainText("expired or was already used");
});

test("the account page's security sections fit a 390 px phone and change the password", async ({ browser, makeOrg }) => {
  test.setTimeout(90_000);
  const org = await makeOrg("opt_in");
  const reader = await org.createReader();
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  const news = org.site("news");
  await signInViaUi(page, news.host, reader);
  await page.goto(hostUrl(news.host, "/account"));
  await expect(page.getByRole("button", { name: "Send the link again" })).toBeVisible(); // the verification banner
  await expect(page.getByRole("heading", { name: "Change password" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  const form = page.getByTestId("change-password");
  await expect(form.getByLabel("Sign out my other devices")).toBeChecked();
  await form.getByLabel("Current password").fill(reader.password);
  await form.getByLabel("New password").fill("amber-lighthouse-93");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("status")).toHaveText("Your password was changed, and your other devices were signed out.");
  await waitForMail(reader.email, /password .* was changed/);
  await context.close();
});
