// Hosted sign-in (issue 17) in Chromium: a site's Sign in, Register, Forgot password and Opt In's
// Continue lead to the auth domain's pages, branded for the site the reader came from, and back
// through the handshake signed in — under every mode, with the account lifecycle by mail, and
// against the attacks a new sign-in surface invites. (The logout-scope, multi-tab and account
// specs also run with hosted sign-in: project chromium-hosted-sign-in in playwright.config.ts.)
import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { db } from "@/lib/db/client";
import { linkIn, waitForMail } from "@/scripts/mail/caught-mail";
import { clientAddress, expect, signInViaUi, ssoStatusInPage, test } from "./support/fixtures";
import type { TestOrg } from "../test/http/factory";
import { hostUrl, rawRequest } from "./support/hosts";

// Several hosts and mail per test, on a machine shared with other runs: more than the default 30 s.
test.describe.configure({ timeout: 90_000 });

async function hostOrg(org: TestOrg): Promise<TestOrg> {
  await db.organization.update({ where: { id: org.id }, data: { hostedSignIn: true } });
  return org;
}

function authUrl(org: TestOrg, path: string): string {
  return hostUrl(org.authHost, path);
}

async function fillSignIn(page: Page, reader: { email: string; password: string }): Promise<void> {
  await page.getByLabel("Email").fill(reader.email);
  await page.getByLabel("Password").fill(reader.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("Auto Login: Sign in leads to the auth domain's page branded for the site, back to the page the reader was on signed in, and the other sites sign them in with no click", async ({ page, makeOrg }) => {
  const org = await hostOrg(await makeOrg("auto_login"));
  const reader = await org.createReader();
  const news = org.site("news");
  await db.site.update({ where: { id: news.id }, data: { themeColor: "#8a1538" } });

  await page.goto(hostUrl(news.host, "/signin?return=/articles/night-trains"));
  expect(new URL(page.url()).hostname).toBe(org.authHost);
  await expect(page).toHaveTitle(`Sign in · ${news.name}`);
  await expect(page.locator("header").getByRole("link", { name: news.name.toUpperCase() })).toBeVisible();
  expect(await page.locator("header").evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(138, 21, 56)");
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  await fillSignIn(page, reader);
  await expect(page).toHaveURL(hostUrl(news.host, "/articles/night-trains"));
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  for (const slug of ["sport", "recipes"]) {
    await page.goto(hostUrl(org.site(slug).host, "/"));
    await expect(page.getByTestId("signed-in-as"), slug).toBeVisible();
  }
});

test("sign-in on the site itself stays available from the hosted page, and signs in as before", async ({ page, makeOrg }) => {
  const org = await hostOrg(await makeOrg("auto_login"));
  const reader = await org.createReader();
  const news = org.site("news");
  await page.goto(hostUrl(news.host, "/"));
  await page.getByRole("link", { name: "Sign in", exact: true }).click();
  await page.getByRole("link", { name: `Sign in on ${news.name} instead` }).click();
  expect(new URL(page.url()).hostname).toBe(news.host);
  await fillSignIn(page, reader);
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  await page.goto(hostUrl(org.site("sport").host, "/"));
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
});

test("Opt In: the prompt's Continue is a click on the auth domain's page, then signed in here; the page names whom it continues as", async ({ page, makeOrg }) => {
  const org = await hostOrg(await makeOrg("opt_in"));
  const reader = await org.createReader();
  await signInViaUi(page, org.site("news").host, reader);
  expect(new URL(page.url()).hostname).toBe(org.site("news").host);

  await page.goto(hostUrl(org.site("sport").host, "/articles/night-trains"));
  await expect(page.getByTestId("signed-out")).toBeVisible();
  await page.getByTestId("consent-prompt").getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(new RegExp(`^${authUrl(org, "/signin").replace(/[.?]/g, "\\$&")}`));
  await expect(page.getByRole("heading", { name: "Continue with your sign-in?" })).toBeVisible();
  await expect(page.getByText(`Continue to ${org.site("sport").name} as them?`)).toContainText(reader.email.slice(0, 1));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(hostUrl(org.site("sport").host, "/articles/night-trains"));
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  expect((await ssoStatusInPage(page)).status).toBe("authenticated");
  // Recipes: still Opt In — known, not signed in, until the reader continues there too.
  await page.goto(hostUrl(org.site("recipes").host, "/"));
  await expect(page.getByTestId("signed-out")).toBeVisible();
  expect((await ssoStatusInPage(page)).status).toBe("known");
});

test("Disabled: the site's own pages (the auth domain is not used at all), and the hosted page of a Disabled site sends the reader back", async ({ page, makeOrg }) => {
  const org = await hostOrg(await makeOrg("disabled"));
  const reader = await org.createReader();
  await page.goto(hostUrl(org.site("news").host, "/signin"));
  expect(new URL(page.url()).hostname).toBe(org.site("news").host);
  await fillSignIn(page, reader);
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  await page.goto(hostUrl(org.site("sport").host, "/"));
  await expect(page.getByTestId("signed-out")).toBeVisible();

  const direct = await rawRequest({ host: `${org.authHost}:1`, path: `/signin?site=news&state=${"A".repeat(43)}` });
  expect(direct.status).toBe(302);
  expect(direct.headers.location).toBe(hostUrl(org.site("news").host, "/"));
});

test("registration on the auth domain: verification mail, the link verifies, signed in on the site and by SSO on the next (required policy)", async ({ page, makeOrg }) => {
  test.setTimeout(90_000);
  const org = await hostOrg(await makeOrg("auto_login"));
  await db.organization.update({ where: { id: org.id }, data: { emailVerification: "required" } });
  const email = `e2e-hosted-${randomUUID().slice(0, 8)}@example.com`;

  await page.goto(hostUrl(org.site("news").host, "/"));
  await page.getByRole("link", { name: "Register", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Create an account" })).toBeVisible();
  expect(new URL(page.url()).hostname).toBe(org.authHost);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("violet-harbour-27");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status")).toContainText("Check your email");

  const mail = await waitForMail(email, /Confirm your email/);
  await page.goto(linkIn(mail, "/verify-email"));
  await page.getByRole("button", { name: "Confirm my email" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  await page.goto(hostUrl(org.site("sport").host, "/"));
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
});

test("forgot password on the auth domain: the reset mail's link (on the site) sets a new password that then signs in on the hosted page", async ({ page, makeOrg }) => {
  test.setTimeout(90_000);
  const org = await hostOrg(await makeOrg("auto_login"));
  const reader = await org.createReader();
  const asked = new Date();
  await page.goto(hostUrl(org.site("news").host, "/forgot-password"));
  expect(new URL(page.url()).hostname).toBe(org.authHost);
  await page.getByLabel("Email").fill(reader.email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("status")).toContainText("If an account uses this address");

  const mail = await waitForMail(reader.email, /^Reset your password/, { after: asked });
  await page.goto(linkIn(mail, "/reset-password"));
  await page.getByLabel("New password").fill("amber-lantern-93-new");
  await page.getByRole("button", { name: /Save|Set|Change/ }).first().click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();

  const fresh = await page.context().browser()!.newContext({ extraHTTPHeaders: clientAddress() });
  const other = await fresh.newPage();
  await other.goto(hostUrl(org.site("sport").host, "/signin"));
  await fillSignIn(other, { email: reader.email, password: "amber-lantern-93-new" });
  await expect(other.getByTestId("signed-in-as")).toBeVisible();
  await fresh.close();
});

test("a return path to another origin is not followed: the hosted sign-in returns to the site's own page", async ({ page, makeOrg }) => {
  test.setTimeout(90_000);
  const org = await hostOrg(await makeOrg("auto_login"));
  const reader = await org.createReader();
  for (const evil of ["https://evil.example/x", "//evil.example/x", "/\\evil.example"]) {
    await page.context().clearCookies();
    await page.goto(hostUrl(org.site("news").host, `/sso/hosted?return=${encodeURIComponent(evil)}`));
    await fillSignIn(page, reader);
    expect(new URL(page.url()).hostname, evil).toBe(org.site("news").host);
    await expect(page.getByTestId("signed-in-as")).toBeVisible();
  }
});

test("login CSRF: a hosted sign-in's callback URL opened in another browser signs nobody in there", async ({ page, otherDevice, makeOrg }) => {
  const org = await hostOrg(await makeOrg("auto_login"));
  const attacker = await org.createReader();
  // The attacker signs in in their own browser and captures the callback (its OTT, their state)
  // without following it.
  await page.goto(hostUrl(org.site("news").host, "/"));
  const callbacks: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/sso/callback") callbacks.push(request.url());
  });
  await page.route("**/sso/callback*", (route) => route.abort());
  await page.getByRole("link", { name: "Sign in", exact: true }).click();
  await fillSignIn(page, attacker).catch(() => {});
  await expect.poll(() => callbacks.length).toBe(1);

  const victim = await otherDevice.newPage();
  await victim.goto(hostUrl(org.site("news").host, "/"));
  await victim.goto(callbacks[0] ?? "");
  await victim.goto(hostUrl(org.site("news").host, "/"));
  await expect(victim.getByTestId("signed-out")).toBeVisible();
});

test("sign-in by emailed link from the auth domain's page: the mailed link (on the site) signs in there, and by SSO on the next site", async ({ page, makeOrg }) => {
  const org = await hostOrg(await makeOrg("auto_login"));
  const reader = await org.createReader();
  const news = org.site("news");
  const asked = new Date();
  await page.goto(hostUrl(news.host, "/signin"));
  await page.getByRole("link", { name: "Email me a sign-in link instead" }).click();
  await page.getByLabel("Email").fill(reader.email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("status")).toContainText("we sent it a sign-in link");

  const mail = await waitForMail(reader.email, /^Your sign-in link/, { after: asked });
  await page.goto(linkIn(mail, "/signin/link"));
  await page.getByRole("button", { name: `Sign in to ${news.name}` }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  await page.goto(hostUrl(org.site("sport").host, "/"));
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
});
