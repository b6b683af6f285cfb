// Attacks a browser can attempt on the handshake. Each ends on a clean error page or a
// signed-out page, never a signed-in one.
import { expect, recordNavigationsTo, signInViaUi, ssoStatusInPage, test } from "./support/fixtures";
import { mintCallbackOutsideBrowser, plantStateCookie } from "./support/handshake";
import { hostUrl } from "./support/hosts";

test("a captured callback URL reused in another browser does not sign that browser in", async ({ page, otherDevice, makeOrg }) => {
  const org = await makeOrg("auto_login");
  const reader = await org.createReader();
  await signInViaUi(page, org.site("news").host, reader);

  const callbacks: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/sso/callback") callbacks.push(request.url());
  });
  await page.goto(hostUrl(org.site("sport").host, "/"));
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  expect(callbacks).toHaveLength(1);

  const attacker = await otherDevice.newPage();
  const response = await attacker.goto(callbacks[0] ?? "");
  expect(response?.status()).toBe(400);
  await expect(attacker.getByRole("heading")).toContainText("Sign-on could not be completed");
  await attacker.goto(hostUrl(org.site("sport").host, "/"));
  await expect(attacker.getByTestId("signed-out")).toBeVisible();
});

test("a tampered state in the callback is refused and the page renders signed out", async ({ page, makeOrg }) => {
  const org = await makeOrg("auto_login");
  const reader = await org.createReader();
  const host = org.site("sport").host;
  // A signed-in reader's genuine callback for sport (it would sign a browser in), and its state cookie.
  const { callbackUrl, stateCookie } = await mintCallbackOutsideBrowser(host, { host: org.site("news").host, ...reader });
  await page.goto(hostUrl(host, "/"));
  await plantStateCookie(page, stateCookie);
  callbackUrl.searchParams.set("state", "A".repeat(43));
  await page.goto(callbackUrl.toString());
  expect(new URL(page.url()).hostname).toBe(host);
  await expect(page.getByTestId("signed-out")).toBeVisible();
  expect((await ssoStatusInPage(page)).status).toBe("unknown");
});

test("control: the same genuine callback with its own state would sign the browser in (the refusals here are the defence at work)", async ({ page, makeOrg }) => {
  const org = await makeOrg("auto_login");
  const reader = await org.createReader();
  const host = org.site("sport").host;
  const { callbackUrl, stateCookie } = await mintCallbackOutsideBrowser(host, { host: org.site("news").host, ...reader });
  await page.goto(hostUrl(host, "/"));
  await plantStateCookie(page, stateCookie);
  await page.goto(callbackUrl.toString());
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
});

test("an OTT minted by another organisation's auth domain is refused", async ({ page, makeOrg }) => {
  const acme = await makeOrg("auto_login");
  const globex = await makeOrg("auto_login");
  const reader = await acme.createReader();
  const { callbackUrl, stateCookie } = await mintCallbackOutsideBrowser(acme.site("news").host, { host: acme.site("sport").host, ...reader });
  // Even with a matching state cookie on globex's site, acme's OTT is useless there.
  const target = globex.site("news").host;
  await page.goto(hostUrl(target, "/"));
  await plantStateCookie(page, stateCookie);
  callbackUrl.host = `${target}:${callbackUrl.port}`;
  await page.goto(callbackUrl.toString());
  expect(new URL(page.url()).hostname).toBe(target);
  await expect(page.getByTestId("signed-out")).toBeVisible();
  expect((await ssoStatusInPage(page)).status).toBe("unknown");
});

test("an off-site return target never leaves the site", async ({ page, makeOrg }) => {
  const org = await makeOrg("auto_login");
  const host = org.site("news").host;
  const authNavigations = recordNavigationsTo(page, org.authHost);
  for (const path of ["//evil.example/", "/\\evil.example/", "/.//evil.example/"]) {
    await page.goto(`http://${host}:${new URL(hostUrl(host)).port}${path}`);
    expect(new URL(page.url()).hostname, path).toBe(host);
  }
  expect(authNavigations.length).toBeLessThanOrEqual(3);
  // A callback carrying its own return/next parameters ignores them.
  await page.goto(hostUrl(host, "/sso/callback?ott=x&state=y&return=https://evil.example/&next=//evil.example"));
  expect(new URL(page.url()).hostname).toBe(host);
});
