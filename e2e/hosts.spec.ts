// Foundation: every demo host reaches the same server and is served by its own part.
import { expect, test } from "./support/base-test";
import { hostUrl, rawRequest } from "./support/hosts";

const sites = [
  { host: "news.localhost", name: "The Acme News", logo: "ACME NEWS" },
  { host: "sport.localhost", name: "Acme Sport", logo: "ACME SPORT" },
  { host: "recipes.localhost", name: "Acme Recipes", logo: "ACME RECIPES" },
  { host: "daily.localhost", name: "The Globex Daily", logo: "GLOBEX DAILY" },
];

for (const site of sites) {
  test(`${site.host} renders its own branded home page`, async ({ page }) => {
    await page.goto(hostUrl(site.host));
    await expect(page).toHaveTitle(site.name);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(site.name);
    await expect(page.getByRole("link", { name: `${site.name} home` })).toHaveText(site.logo);
    await expect(page.getByTestId("account-slot")).toBeVisible();
    // An article opens on the same host.
    await page.locator(".article-card a").first().click();
    await expect(page).toHaveURL(new RegExp(`^http://${site.host.replace(".", "\\.")}:\\d+/articles/`));
    await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(site.name);
  });
}

test("each organisation's auth domain explains that it only handles sign-on", async ({ page }) => {
  await page.goto(hostUrl("auth.acme.localhost"));
  await expect(page.getByText("This domain only handles sign-on for Acme Media")).toBeVisible();
  await page.goto(hostUrl("auth.globex.localhost"));
  await expect(page.getByText("This domain only handles sign-on for Globex Publishing")).toBeVisible();
});

test("the admin console renders its staff sign-in page", async ({ page }) => {
  await page.goto(hostUrl("admin.localhost"));
  await expect(page.getByRole("heading", { name: "Staff sign-in" })).toBeVisible();
  await expect(page.getByLabel("Email")).toBeVisible();
  await expect(page.getByLabel("Password")).toBeVisible();
});

test("an unknown host gets a plain 404 page", async ({ page }) => {
  const response = await page.goto(hostUrl("nowhere.localhost"));
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading")).toContainText("No site is served at this address");
});

test("an unknown host on an API path gets the JSON error shape", async () => {
  const response = await rawRequest({ host: "nowhere.localhost", path: "/api/sso/status" });
  expect(response.status).toBe(404);
  expect(JSON.parse(response.body)).toEqual({ error: { code: "unknown_host", message: expect.any(String) } });
});

for (const badHost of ["bad host", "news.localhost:99999", "-news.localhost", "news..localhost", "x".repeat(400), "news.localhost:abc"]) {
  test(`a malformed Host header (${badHost.slice(0, 20)}) gets a 4xx, never a 5xx`, async () => {
    const response = await rawRequest({ host: badHost, path: "/" });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
}

test("internal route folders are not reachable by their own path", async () => {
  for (const path of ["/site", "/admin", "/auth-domain"]) {
    const response = await rawRequest({ host: "news.localhost", path });
    expect(response.status, path).toBe(404);
  }
  // Even with a real site id, /site/<id> from another host is that host's own (missing) path.
  const response = await rawRequest({ host: "admin.localhost", path: "/site/00000000-0000-0000-0000-000000000000" });
  expect(response.status).toBe(404);
});
