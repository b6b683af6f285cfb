// Logout scopes with two browser contexts as two devices.
import { expect, signInViaUi, ssoStatusInPage, test } from "./support/fixtures";
import { hostUrl } from "./support/hosts";

test("OTHER_DEVICES from the account page signs the other device out and keeps this one", async ({ page, otherDevice, makeOrg }) => {
  const org = await makeOrg("opt_in");
  const reader = await org.createReader();
  const phone = await otherDevice.newPage();
  await signInViaUi(page, org.site("news").host, reader);
  await signInViaUi(phone, org.site("sport").host, reader);

  await page.goto(hostUrl(org.site("news").host, "/account"));
  await expect(page.getByTestId("browser-groups")).toContainText(org.site("sport").name);
  await page.getByRole("button", { name: "Sign out of other browsers" }).click();
  await expect(page.getByTestId("browser-groups")).not.toContainText(org.site("sport").name);
  await expect(page.getByTestId("signed-in-as")).toBeVisible();

  await phone.reload();
  await expect(phone.getByTestId("signed-out")).toBeVisible();
});

test("EVERYWHERE signs every device out, this one included", async ({ page, otherDevice, makeOrg }) => {
  const org = await makeOrg("auto_login");
  const reader = await org.createReader();
  const phone = await otherDevice.newPage();
  await signInViaUi(page, org.site("news").host, reader);
  await signInViaUi(phone, org.site("sport").host, reader);
  await page.goto(hostUrl(org.site("recipes").host, "/"));
  await expect(page.getByTestId("signed-in-as")).toBeVisible();

  await page.goto(hostUrl(org.site("news").host, "/account"));
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(hostUrl(org.site("news").host, "/"));
  await expect(page.getByTestId("signed-out")).toBeVisible();
  for (const host of [org.site("sport").host, org.site("recipes").host]) {
    await page.goto(hostUrl(host, "/"));
    await expect(page.getByTestId("signed-out"), host).toBeVisible();
  }
  await phone.reload();
  await expect(phone.getByTestId("signed-out")).toBeVisible();
  expect((await ssoStatusInPage(phone)).status).toBe("unknown");
});
