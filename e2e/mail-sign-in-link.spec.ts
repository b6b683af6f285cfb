// Sign-in by emailed link in Chromium (issue 16): the link followed in the browser that asked
// (then SSO signs it in on the other site), and the code typed in another browser that asked
// while the mail is read elsewhere. At a phone's width, with axe on the new pages.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { codeIn, linkIn, waitForMail } from "@/scripts/mail/caught-mail";
import { expect, test } from "./support/fixtures";
import { hostUrl } from "./support/hosts";

const PHONE = { width: 390, height: 844 };

async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
}

async function askForLink(page: Page, host: string, email: string): Promise<Date> {
  await page.goto(hostUrl(host, "/signin"));
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  const asked = new Date();
  await page.locator("#email-link-email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email — or type the code" })).toBeVisible();
  return asked;
}

test("sign-in by emailed link: the link in the browser that asked, then SSO on the other site", async ({ page, makeOrg }) => {
  test.setTimeout(90_000);
  const org = await makeOrg("auto_login");
  const news = org.site("news");
  const reader = await org.createReader();
  await page.setViewportSize(PHONE);
  const asked = await askForLink(page, news.host, reader.email);
  await expectAccessible(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

  const mail = await waitForMail(reader.email, /^Your sign-in link/, { after: asked });
  await page.goto(linkIn(mail, "/signin/link"));
  await expect(page.getByRole("heading", { name: `Sign in to ${news.name} as r•••@example.com` })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: `Sign in to ${news.name}` }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  await page.goto(hostUrl(org.site("sport").host, "/"));
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
});

test("sign-in by emailed link: the code typed in the browser that asked, the mail read elsewhere", async ({ page, makeOrg, otherDevice }) => {
  test.setTimeout(90_000);
  const org = await makeOrg("opt_in");
  const news = org.site("news");
  const reader = await org.createReader();
  const desktop = await otherDevice.newPage();
  const asked = await askForLink(desktop, news.host, reader.email);
  const mail = await waitForMail(reader.email, /^Your sign-in link/, { after: asked });
  // A wrong code first: said plainly, the form kept.
  const code = codeIn(mail);
  await desktop.getByLabel("Six-digit code").fill(code === "000000" ? "111111" : "000000");
  await desktop.getByRole("button", { name: "Sign in with the code" }).click();
  await expect(desktop.getByTestId("form-error")).toContainText("That code did not work");
  await desktop.getByLabel("Six-digit code").fill(code);
  await desktop.getByRole("button", { name: "Sign in with the code" }).click();
  await expect(desktop.getByTestId("signed-in-as")).toBeVisible();
  // The link itself is now used: the phone that opens it is told so.
  await page.goto(linkIn(mail, "/signin/link"));
  await expect(page.getByRole("heading", { name: "This sign-in link no longer works" })).toBeVisible();
});
