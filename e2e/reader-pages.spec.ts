// What a reader meets off the happy path: a branded 404 on every site, form messages written for
// them (field named, what they typed kept, limits on the inputs), and the account page on a
// phone: grouped by browser, no horizontal scroll, and a per-site sign-out that holds under
// Auto Login.
import type { BrowserContext } from "@playwright/test";
import { expect, signInViaUi, test } from "./support/fixtures";
import { hostUrl } from "./support/hosts";

const PHONE = { width: 390, height: 844 };

test("an unknown page of a site is that site's 404: status 404, a title naming the site, its header and a link home", async ({ page, makeOrg }) => {
  const org = await makeOrg("disabled");
  const site = org.site("sport");
  for (const path of ["/articles/no-such-article", "/no/such/page"]) {
    const response = await page.goto(hostUrl(site.host, path));
    expect(response?.status(), path).toBe(404);
    await expect(page).toHaveTitle(`Page not found — ${site.name}`);
    await expect(page.getByRole("link", { name: `${site.name} home` })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    await expect(page.getByText(`There is no page at this address on ${site.name}.`)).toBeVisible();
  }
  await page.getByRole("link", { name: "Go to the home page" }).click();
  await expect(page).toHaveURL(hostUrl(site.host, "/"));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(site.name);
});

test("the plain pages of an unknown host and of the auth domain have a title and a sentence a person understands", async ({ page, makeOrg }) => {
  const org = await makeOrg("auto_login");
  const unknownHost = await page.goto(hostUrl("nowhere.localhost", "/"));
  expect(unknownHost?.status()).toBe(404);
  await expect(page).toHaveTitle("Page not found");
  await expect(page.getByText("No website is set up at this address.")).toBeVisible();

  const authPath = await page.goto(hostUrl(org.authHost, "/some/page"));
  expect(authPath?.status()).toBe(404);
  await expect(page).toHaveTitle("Page not found");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("sign-on service, which has no page here");
});

test("registration: inputs carry the server's limits, and a refused name is named, kept and marked", async ({ page, makeOrg }) => {
  const org = await makeOrg("disabled");
  await page.goto(hostUrl(org.site("news").host, "/register"));
  const name = page.getByLabel("Name (optional)");
  const email = page.getByLabel("Email");
  const password = page.getByLabel("Password");
  await expect(name).toHaveAttribute("maxlength", "80");
  await expect(name).toHaveAttribute("autocomplete", "name");
  await expect(email).toHaveAttribute("maxlength", "254");
  await expect(email).toHaveAttribute("inputmode", "email");
  await expect(password).toHaveAttribute("maxlength", "256");
  await expect(password).toHaveAttribute("autocomplete", "new-password");

  // maxlength stops typing at the limit.
  await name.fill("n".repeat(100));
  await expect(name).toHaveValue("n".repeat(80));

  const address = `e2e-${Date.now()}@example.com`;
  await name.fill("O'Brien\u202Eevil");
  await email.fill(address);
  await password.fill("violet-harbour-27");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("form-error")).toHaveText(/^Your name contains an invisible or control character/);
  await expect(name).toHaveValue("O'Brien\u202Eevil");
  await expect(email).toHaveValue(address);
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toBeFocused();

  await name.fill("Rita O'Brien");
  await password.fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("Your password needs at least 10 characters.");
  await expect(email).toHaveValue(address);
  await expect(name).toHaveValue("Rita O'Brien");
  await expect(password).toBeFocused();
});

test("sign-in: a wrong password keeps the email, and throttling says the wait in words", async ({ page, makeOrg }) => {
  const org = await makeOrg("disabled");
  const reader = await org.createReader();
  await page.goto(hostUrl(org.site("news").host, "/signin"));
  await expect(page.getByLabel("Email")).toHaveAttribute("maxlength", "254");
  await expect(page.getByLabel("Password")).toHaveAttribute("maxlength", "1024");
  await page.getByLabel("Email").fill(reader.email);
  // Five failures lock the account for 15 minutes (lib/security/rate-limits.ts).
  for (let attempt = 1; attempt <= 6; attempt++) {
    await page.getByLabel("Password").fill(`wrong-password-${attempt}`);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByTestId("form-error")).toHaveText(attempt <= 5 ? "Email or password is incorrect." : "Too many failed sign-ins for this account from your network. Try again in 15 minutes.");
    await expect(page.getByLabel("Email")).toHaveValue(reader.email);
  }
});

async function signInOn(context: BrowserContext, host: string, reader: { email: string; password: string }) {
  const page = await context.newPage();
  await signInViaUi(page, host, reader);
  return page;
}

test("the account page at 390 px: one group per browser, this one first and marked, no horizontal scroll", async ({ page, browser, makeOrg }) => {
  // Three browsers' sign-ins (argon2 each): more than the default 30 s on a busy machine.
  test.slow();
  const org = await makeOrg("auto_login");
  const reader = await org.createReader();
  const [news, sport, recipes] = [org.site("news"), org.site("sport"), org.site("recipes")];
  // Two other browsers, signed in earlier on two sites each.
  const others: BrowserContext[] = [];
  for (const userAgent of [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
  ]) {
    const context = await browser.newContext({ userAgent });
    others.push(context);
    const other = await signInOn(context, news.host, reader);
    await other.goto(hostUrl(sport.host, "/"));
    await expect(other.getByTestId("signed-in-as")).toBeVisible();
  }
  await page.setViewportSize(PHONE);
  await signInViaUi(page, news.host, reader);
  for (const site of [sport, recipes]) {
    await page.goto(hostUrl(site.host, "/"));
    await expect(page.getByTestId("signed-in-as")).toBeVisible();
  }

  await page.goto(hostUrl(news.host, "/account"));
  const groups = page.getByTestId("browser-group");
  await expect(groups).toHaveCount(3);
  await expect(groups.first()).toHaveAttribute("data-this-browser", "true");
  await expect(groups.first().getByRole("heading", { level: 3 })).toContainText("This browser");
  await expect(groups.first().getByTestId("session")).toHaveCount(3);
  await expect(groups.nth(1).getByRole("heading", { level: 3 })).toHaveText("Safari on iOS");
  await expect(groups.nth(2).getByRole("heading", { level: 3 })).toHaveText("Firefox on Windows");
  await expect(groups.nth(1).getByTestId("session")).toHaveCount(2);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  for (const context of others) await context.close();
});

test("Auto Login: 'Sign out of <site>' says what will happen, and that site stays signed out in this browser until the reader signs in there", async ({ page, makeOrg }) => {
  const org = await makeOrg("auto_login");
  const reader = await org.createReader();
  const [news, sport] = [org.site("news"), org.site("sport")];
  await signInViaUi(page, news.host, reader);
  await page.goto(hostUrl(sport.host, "/"));
  await expect(page.getByTestId("signed-in-as")).toBeVisible();

  await page.goto(hostUrl(news.host, "/account"));
  const button = page.getByRole("button", { name: `Sign out of ${sport.name}` });
  // Before: the button's description says what it does.
  await expect(button).toHaveAccessibleDescription(/keeps that browser signed out of it .* until you sign in on that site again/);
  await button.click();
  // After: the page says where it stays signed out.
  await expect(page.getByTestId("signed-out-sites")).toHaveText(
    `Signed out by you in this browser: ${sport.name}. It stays signed out here until you sign in there again.`,
  );
  await expect(page.getByTestId("signed-in-as")).toBeVisible();

  // The next visits: still signed out on sport (Auto Login does not sign it back in), news untouched.
  for (let visit = 0; visit < 2; visit++) {
    await page.goto(hostUrl(sport.host, "/"));
    await expect(page.getByTestId("signed-out")).toBeVisible();
  }
  await page.goto(hostUrl(news.host, "/"));
  await expect(page.getByTestId("signed-in-as")).toBeVisible();

  // Signing in on sport lifts it.
  await signInViaUi(page, sport.host, reader);
  await page.goto(hostUrl(news.host, "/account"));
  await expect(page.getByTestId("signed-out-sites")).toHaveCount(0);
});
