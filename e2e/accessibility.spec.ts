// Automated accessibility checks (axe, WCAG 2.x A/AA rules): no serious or critical violations.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, signInViaUi, test } from "./support/fixtures";
import { hostUrl } from "./support/hosts";

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
  expect(await seriousViolations(page)).toEqual([]);
});
