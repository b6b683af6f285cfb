// Every mode on the acme demo hosts, with the admin switching modes through Identity ›
// Settings between scenarios (never through the database). Serial: they share acme's mode.
import { expect, logoutInPage, recordNavigationsTo, signInViaUi, ssoStatusInPage, test } from "./support/fixtures";
import { openAdminConsole, setSiteParticipation, switchModeAsAdmin } from "./support/admin";
import { hostUrl } from "./support/hosts";
import type { Page } from "@playwright/test";

const NEWS = "news.localhost";
const SPORT = "sport.localhost";
const RECIPES = "recipes.localhost";
const AUTH = "auth.acme.localhost";

test.describe.configure({ mode: "serial" });

let admin: Page;

test.beforeAll(async ({ browser }) => {
  admin = await openAdminConsole(browser);
});

test.afterAll(async () => {
  // Leave acme as seeded (Auto Login, every site in SSO) for whatever runs next.
  await setSiteParticipation(admin, "Acme Sport", true);
  await switchModeAsAdmin(admin, "Auto Login");
  await admin.context().close();
});

test("Auto Login: one handshake while reading anonymously; signed in on sport, news renders signed in at once; recipes after one handshake; THIS_DEVICE signs this browser out, not the other", async ({ page, otherDevice, makeDemoReader }) => {
  await switchModeAsAdmin(admin, "Auto Login");
  const reader = await makeDemoReader("acme");
  const handshakes = recordNavigationsTo(page, AUTH);

  await page.goto(hostUrl(NEWS, "/articles/night-trains"));
  await expect(page.getByTestId("signed-out")).toBeVisible();
  expect(handshakes).toHaveLength(1);

  await page.goto(hostUrl(SPORT, "/"));
  await signInViaUi(page, SPORT, reader);
  const afterSport = handshakes.length;
  const news = await page.goto(hostUrl(NEWS, "/"));
  expect(await news?.text()).toContain("Signed in as");
  expect(handshakes.length).toBe(afterSport);

  const phone = await otherDevice.newPage();
  await signInViaUi(phone, NEWS, reader);

  await page.goto(hostUrl(RECIPES, "/"));
  await expect(page.getByTestId("signed-in-as")).toHaveText(`Signed in as ${reader.displayName}`);
  expect(handshakes.length).toBe(afterSport + 1);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByTestId("signed-out")).toBeVisible();
  for (const host of [NEWS, SPORT, RECIPES]) {
    await page.goto(hostUrl(host, "/"));
    await expect(page.getByTestId("signed-out"), host).toBeVisible();
  }
  await phone.reload();
  await expect(phone.getByTestId("signed-in-as")).toBeVisible();
});

test("Opt In: sport prompts, 'Not now' keeps it away on sport only; Continue on recipes signs in with no form; default logout on recipes leaves news signed in and recipes known", async ({ page, makeDemoReader }) => {
  await switchModeAsAdmin(admin, "Opt In");
  const reader = await makeDemoReader("acme");
  await signInViaUi(page, NEWS, reader);

  await page.goto(hostUrl(SPORT, "/"));
  await expect(page.getByTestId("consent-prompt")).toBeVisible();
  await page.getByRole("button", { name: "Not now" }).click();
  await expect(page.getByTestId("consent-prompt")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("consent-prompt")).toHaveCount(0);
  await expect(page.getByTestId("signed-out")).toBeVisible();

  await page.goto(hostUrl(RECIPES, "/"));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText(`Signed in as ${reader.displayName}`);
  expect((await logoutInPage(page)).body.where).toBe("JUST_HERE");
  await page.reload();
  await expect(page.getByTestId("signed-out")).toBeVisible();
  expect((await ssoStatusInPage(page)).status).toBe("known");

  await page.goto(hostUrl(NEWS, "/"));
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
});

test("Disabled: no request ever goes to the auth domain, and a sign-in on one site does nothing for the others", async ({ page, makeDemoReader }) => {
  await switchModeAsAdmin(admin, "Disabled");
  const reader = await makeDemoReader("acme");
  const authRequests: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).hostname === AUTH) authRequests.push(request.url());
  });
  await signInViaUi(page, NEWS, reader);
  for (const host of [SPORT, RECIPES]) {
    await page.goto(hostUrl(host, "/"));
    await expect(page.getByTestId("signed-out"), host).toBeVisible();
    await expect(page.getByTestId("consent-prompt")).toHaveCount(0);
  }
  expect(authRequests).toEqual([]);
});

test("the kill switch takes one site out of SSO at once while the others keep it", async ({ page, makeDemoReader }) => {
  await switchModeAsAdmin(admin, "Auto Login");
  await setSiteParticipation(admin, "Acme Sport", false);
  const reader = await makeDemoReader("acme");
  const handshakes = recordNavigationsTo(page, AUTH);
  await page.goto(hostUrl(SPORT, "/"));
  expect(handshakes).toHaveLength(0);
  await signInViaUi(page, NEWS, reader);
  expect(handshakes).toHaveLength(1);
  await page.goto(hostUrl(RECIPES, "/"));
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  await page.goto(hostUrl(SPORT, "/"));
  await expect(page.getByTestId("signed-out")).toBeVisible();
  expect(handshakes).toHaveLength(2);

  await setSiteParticipation(admin, "Acme Sport", true);
  await page.goto(hostUrl(SPORT, "/"));
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
});
