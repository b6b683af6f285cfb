// The Auto Login flow in real Chromium across the acme demo sites (seeded in auto_login).
import { expect, test } from "@playwright/test";
import { hostUrl } from "./support/hosts";
import { logoutFromPage, signInFromPage } from "./support/reader";

const authHost = "auth.acme.localhost";

test("Auto Login: signed in on one site, the other acme sites render signed in on their first page; THIS_DEVICE signs this browser out everywhere", async ({ browser }) => {
  const device = await browser.newContext();
  const page = await device.newPage();
  const authDocuments: string[] = [];
  page.on("request", (request) => {
    if (request.isNavigationRequest() && new URL(request.url()).hostname === authHost) authDocuments.push(request.url());
  });

  // Anonymous reading on news: one handshake, then the page renders signed out.
  await page.goto(hostUrl("news.localhost", "/articles/night-trains"));
  await expect(page).toHaveURL(hostUrl("news.localhost", "/articles/night-trains"));
  await expect(page.getByTestId("signed-out")).toBeVisible();
  expect(authDocuments).toHaveLength(1);

  // Sign in on sport.
  await page.goto(hostUrl("sport.localhost", "/"));
  await signInFromPage(page, "reader2@example.com", "reader-password-2");
  await page.reload();
  await expect(page.getByTestId("signed-in-as")).toHaveText(/Ben Reader/);

  // Back on news: signed in on the first server render, no further handshake.
  const before = authDocuments.length;
  const response = await page.goto(hostUrl("news.localhost", "/"));
  expect(await response?.text()).toContain("Signed in as");
  await expect(page.getByTestId("signed-in-as")).toHaveText(/Ben Reader/);
  expect(authDocuments.length).toBe(before);

  // A second device signed in as the same reader.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto(hostUrl("news.localhost", "/"));
  await signInFromPage(otherPage, "reader2@example.com", "reader-password-2");

  // Recipes for the first time: one handshake, signed in.
  await page.goto(hostUrl("recipes.localhost", "/"));
  await expect(page.getByTestId("signed-in-as")).toHaveText(/Ben Reader/);
  expect(authDocuments.length).toBe(before + 1);

  // Default logout under Auto Login is THIS_DEVICE.
  expect(await logoutFromPage(page)).toMatchObject({ status: 200, body: { where: "THIS_DEVICE" } });
  for (const host of ["news.localhost", "sport.localhost", "recipes.localhost"]) {
    await page.goto(hostUrl(host, "/"));
    await expect(page.getByTestId("signed-out"), host).toBeVisible();
  }
  await otherPage.reload();
  await expect(otherPage.getByTestId("signed-in-as")).toHaveText(/Ben Reader/);
  await device.close();
  await other.close();
});

test("cookies on a site are host-only, HttpOnly, SameSite=Lax and Secure", async ({ page, context }) => {
  await page.goto(hostUrl("sport.localhost", "/"));
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === "__Host-mss_session" && c.domain === "sport.localhost");
  expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax", path: "/" });
  const token = cookies.find((c) => c.name === "__Host-mss_sso");
  expect(token?.domain).toBe(authHost);
  expect(cookies.filter((c) => c.domain.startsWith("."))).toEqual([]);
});
