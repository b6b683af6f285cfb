// Chromium's own bounce-tracking mitigation (BTM, formerly DIPS) against this product, for real
// (issue 17; docs/privacy-protections.md). Not a simulation: a Chromium launched with BTM's
// feature parameters shortened — grace period 0 s, deletion timer 1 s — and third-party cookies
// blocked, deletes the storage of a site that bounced the browser with state and without user
// interaction. One browser, two organisations, side by side:
//   - A signs readers in on each site: its auth domain is only ever a redirect → Chromium deletes
//     its SSO cookie, and the next site of A greets the reader signed out (SSO broken);
//   - B hosts sign-in on its auth domain: the reader typed and clicked there → exempt, its SSO
//     cookie stays, and the next site of B signs the reader in.
// Chromium deletes on its timer: the test waits until A's cookie is gone (its deletion pass has
// run, after both organisations' bounces) and only then looks at B's. No fixed sleeps.
import { chromium, type BrowserContext, type Page } from "@playwright/test";
import { db } from "@/lib/db/client";
import { chromiumArgs, findChromiumExecutable } from "./chromium";
import { clientAddress, expect, test } from "./support/fixtures";
import { hostUrl } from "./support/hosts";

/**
 * The switches (Chromium 156): BTM is the feature "DIPS" (content_features.cc: kBtm), enabled by
 * default but on a 1 h grace period and a 1 h deletion timer; its triggering action defaults to
 * "bounce". It acts only where third-party cookies are blocked — an Incognito-like context (what
 * Playwright's browser contexts are) or --test-third-party-cookie-phaseout; both apply here.
 */
export const BTM_SWITCHES = [
  "--enable-features=DIPS:triggering_action/bounce/grace_period/0s/timer_delay/1s",
  "--test-third-party-cookie-phaseout",
];

async function ssoCookie(context: BrowserContext, authHost: string): Promise<string | undefined> {
  return (await context.cookies()).find((cookie) => cookie.domain === authHost && cookie.name.endsWith("mss_sso"))?.value;
}

async function signInOnHostedPage(page: Page, siteName: string, reader: { email: string; password: string }): Promise<void> {
  await page.getByRole("link", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page).toHaveTitle(`Sign in · ${siteName}`);
  // Typed and clicked: the reader's own interaction with the auth domain as a page.
  await page.getByLabel("Email").fill(reader.email);
  await page.getByLabel("Password").fill(reader.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

test("Chromium's bounce-tracking mitigation deletes the auth domain's cookie when readers sign in on the sites (SSO breaks), and spares it under hosted sign-in (SSO survives)", async ({ makeOrg }) => {
  test.setTimeout(90_000);
  const onSites = await makeOrg("auto_login");
  const hosted = await makeOrg("auto_login");
  await db.organization.update({ where: { id: hosted.id }, data: { hostedSignIn: true } });
  const readerA = await onSites.createReader();
  const readerB = await hosted.createReader();

  const browser = await chromium.launch({ executablePath: findChromiumExecutable(), args: [...chromiumArgs, ...BTM_SWITCHES] });
  try {
    const context = await browser.newContext({ extraHTTPHeaders: clientAddress() });
    const page = await context.newPage();

    // A: the reader signs in on news's own page; sport signs them in through the auth domain.
    await page.goto(hostUrl(onSites.site("news").host, "/signin"));
    await page.getByLabel("Email").fill(readerA.email);
    await page.getByLabel("Password").fill(readerA.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByTestId("signed-in-as")).toBeVisible();
    await page.goto(hostUrl(onSites.site("sport").host, "/"));
    await expect(page.getByTestId("signed-in-as")).toBeVisible();
    expect(await ssoCookie(context, onSites.authHost)).toBeDefined();

    // B: the reader signs in on the auth domain's hosted page; sport signs them in likewise.
    await page.goto(hostUrl(hosted.site("news").host, "/"));
    await signInOnHostedPage(page, hosted.site("news").name, readerB);
    await page.goto(hostUrl(hosted.site("sport").host, "/"));
    await expect(page.getByTestId("signed-in-as")).toBeVisible();
    expect(await ssoCookie(context, hosted.authHost)).toBeDefined();
    const lastBounce = Date.now();

    // Chromium's deletion pass: A's auth domain only ever bounced the browser, with state.
    await expect.poll(() => ssoCookie(context, onSites.authHost), { timeout: 30_000, intervals: [250] }).toBeUndefined();
    const figure = `A's SSO cookie deleted by Chromium ${Date.now() - lastBounce} ms after the last bounce; B's kept`;
    test.info().annotations.push({ type: "figure", description: figure });
    console.log(`[bounce-tracking] ${figure}`);
    // The same pass spared B's: the reader interacted with B's auth domain.
    expect(await ssoCookie(context, hosted.authHost)).toBeDefined();

    // What readers see next: A's third site does not know them any more; B's does.
    await page.goto(hostUrl(onSites.site("recipes").host, "/"));
    await expect(page.getByTestId("signed-out")).toBeVisible();
    await page.goto(hostUrl(hosted.site("recipes").host, "/"));
    await expect(page.getByTestId("signed-in-as")).toBeVisible();
    // Sites already linked stay signed in either way (server-side links): only new sites lose SSO.
    await page.goto(hostUrl(onSites.site("sport").host, "/"));
    await expect(page.getByTestId("signed-in-as")).toBeVisible();
  } finally {
    await browser.close();
  }
});
