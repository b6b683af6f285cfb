// An external site (examples/external-site: a plain Node server on partner.localhost, not
// served by this app) in real Chromium: a reader signed in on an internal acme site is
// recognised there (Auto Login) through the handshake and the server-to-server exchange, and a
// sign-out on the internal site reaches it too.
import { expect, test } from "./support/base-test";
import { hostUrl } from "./support/hosts";
import { logoutFromPage, signInFromPage } from "./support/reader";
import { partner, partnerUrl, startExternalSite } from "./support/external-site";

let site: Awaited<ReturnType<typeof startExternalSite>>;

test.beforeAll(async () => {
  site = await startExternalSite();
});

test.afterAll(async () => {
  await site?.stop();
});

test("signed in on an internal site, the reader is recognised on the external site; signing out there reaches it", async ({ page, context }) => {
  const authNavigations: string[] = [];
  page.on("request", (request) => {
    if (request.isNavigationRequest() && new URL(request.url()).hostname === "auth.acme.localhost") authNavigations.push(request.url());
  });

  await page.goto(hostUrl("news.localhost", "/"));
  await signInFromPage(page, "reader@example.com", "reader-password-1");
  await page.reload();
  await expect(page.getByTestId("signed-in-as")).toHaveText(/Ada Reader/);

  // First visit of the external site: one handshake through the auth domain, back to the
  // registered callback, OTT exchanged server-to-server, signed in before the page renders.
  const before = authNavigations.length;
  await page.goto(partnerUrl("/articles/hello?x=1"));
  await expect(page).toHaveURL(partnerUrl("/articles/hello?x=1"));
  await expect(page.getByTestId("partner-signed-in-as")).toHaveText(/Ada Reader/);
  expect(authNavigations.length).toBe(before + 1);

  // The external site's own cookie: host-only on partner.localhost; nothing of ours leaks there.
  const cookies = await context.cookies(partnerUrl("/"));
  expect(cookies.map((c) => c.name).sort()).toEqual(["__Host-partner_sid"]);
  expect(cookies[0]).toMatchObject({ domain: partner.hostname, httpOnly: true, sameSite: "Lax" });

  // Later page views need no handshake: the external backend asks server-to-server.
  await page.goto(partnerUrl("/"));
  await expect(page.getByTestId("partner-signed-in-as")).toHaveText(/Ada Reader/);
  expect(authNavigations.length).toBe(before + 1);

  // Auto Login's default sign-out (THIS_DEVICE) on the internal site ends the external session too.
  await page.goto(hostUrl("news.localhost", "/"));
  expect(await logoutFromPage(page)).toMatchObject({ status: 200, body: { where: "THIS_DEVICE" } });
  await page.goto(partnerUrl("/"));
  await expect(page.getByTestId("partner-signed-out")).toBeVisible();
});

test("a sign-out on the external site (THIS_DEVICE) signs the browser out of the internal sites", async ({ page }) => {
  await page.goto(hostUrl("sport.localhost", "/"));
  await signInFromPage(page, "reader2@example.com", "reader-password-2");
  await page.goto(partnerUrl("/"));
  await expect(page.getByTestId("partner-signed-in-as")).toHaveText(/Ben Reader/);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByTestId("partner-signed-out")).toBeVisible();
  await page.goto(hostUrl("sport.localhost", "/"));
  await expect(page.getByTestId("signed-out")).toBeVisible();
});
