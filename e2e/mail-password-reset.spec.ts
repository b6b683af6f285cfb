// Forgotten password → reset by mail, in Chromium across two sites under Auto Login (issue 16):
// the mail arrives at the run's SMTP catcher, its link is followed in the browser, the new
// password signs this browser in (and by SSO the other site), and a second device signed in
// before is signed out. At a phone's width, with axe on the new pages.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { linkIn, waitForMail } from "@/scripts/mail/caught-mail";
import { expect, signInViaUi, test } from "./support/fixtures";
import { hostUrl } from "./support/hosts";

const PHONE = { width: 390, height: 844 };

async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
}

async function noSideways(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
}

test("forgotten password: reset by mail signs this browser in on both sites and the other device out", async ({ page, makeOrg, otherDevice }) => {
  test.setTimeout(90_000);
  const org = await makeOrg("auto_login");
  const news = org.site("news");
  const sport = org.site("sport");
  const reader = await org.createReader();

  // Another device, signed in with the old password.
  const laptop = await otherDevice.newPage();
  await signInViaUi(laptop, news.host, reader);

  await page.setViewportSize(PHONE);
  await page.goto(hostUrl(news.host, "/signin"));
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await expectAccessible(page);
  const asked = new Date();
  await page.getByLabel("Email").fill(reader.email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByTestId("form-status")).toContainText("If an account uses this address");
  await noSideways(page);

  const mail = await waitForMail(reader.email, /^Reset your password/, { after: asked });
  expect(mail.subject).toContain(news.name);
  const link = linkIn(mail, "/reset-password");
  expect(new URL(link).host).toBe(new URL(hostUrl(news.host)).host);

  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await expectAccessible(page);
  await noSideways(page);
  await page.getByLabel("New password").fill("password123");
  await page.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(page.getByTestId("form-error")).toContainText("too common");
  await page.getByLabel("New password").fill("lantern-orchard-93");
  await page.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();

  // SSO: the other site signs this browser in too.
  await page.goto(hostUrl(sport.host, "/"));
  await expect(page.getByTestId("signed-in-as")).toBeVisible();

  // The other device is signed out, on both sites.
  await laptop.goto(hostUrl(news.host, "/"));
  await expect(laptop.getByTestId("signed-in-as")).toHaveCount(0);
  await laptop.goto(hostUrl(sport.host, "/"));
  await expect(laptop.getByTestId("signed-in-as")).toHaveCount(0);

  // The link was used: opening it again says so.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
});
