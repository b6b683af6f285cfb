// The reader's experience in Chromium: registration, sign-in, the signed-in header, and the
// Opt In prompt driven by keyboard only.
import { randomUUID } from "node:crypto";
import { expect, test } from "./support/fixtures";
import { hostUrl } from "./support/hosts";

test("a reader registers on one site and the header shows them signed in on the server-rendered page", async ({ page, makeOrg }) => {
  const org = await makeOrg("disabled");
  const email = `e2e-${randomUUID().slice(0, 8)}@example.com`;
  await page.goto(hostUrl(org.site("news").host, "/register"));
  await page.getByLabel("Name (optional)").fill("Rita Register");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("form-error")).toContainText("at least 10 characters");

  await page.getByLabel("Password").fill("violet-harbour-27");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText("Signed in as Rita Register");
  // On the server-rendered HTML itself, not only after hydration: no flash of the wrong state.
  expect(await (await page.reload())?.text()).toContain("Signed in as");

  // Sign out, then sign in again with a wrong and then the right password.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByTestId("signed-out")).toBeVisible();
  await page.getByRole("link", { name: "Sign in" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not-my-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("Email or password is incorrect.");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.getByLabel("Password").fill("violet-harbour-27");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText("Signed in as Rita Register");
});

test("Opt In: the prompt on another site is answered with Continue using the keyboard only", async ({ page, makeOrg }) => {
  const org = await makeOrg("opt_in");
  const reader = await org.createReader({ displayName: "Kim Keys" });
  await page.goto(hostUrl(org.site("news").host, "/signin"));
  await page.getByLabel("Email").fill(reader.email);
  await page.getByLabel("Password").fill(reader.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();

  await page.goto(hostUrl(org.site("sport").host, "/"));
  const prompt = page.getByRole("region", { name: "Continue with your sign-in?" });
  await expect(prompt).toBeVisible();
  await expect(prompt).toContainText(`You're signed in on ${org.site("news").name} as ${reader.email[0]}•••@example.com`);
  await expect(page.getByTestId("signed-out")).toBeVisible();

  // Keyboard only: the prompt is the first stop in the tab order.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Continue" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("signed-in-as")).toHaveText("Signed in as Kim Keys");
  await expect(prompt).toHaveCount(0);
});

test("Opt In: 'Not now' keeps the prompt away on that site across reloads, and only there", async ({ page, makeOrg }) => {
  const org = await makeOrg("opt_in");
  const reader = await org.createReader();
  await page.goto(hostUrl(org.site("news").host, "/signin"));
  await page.getByLabel("Email").fill(reader.email);
  await page.getByLabel("Password").fill(reader.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();

  await page.goto(hostUrl(org.site("sport").host, "/"));
  await page.getByRole("button", { name: "Not now" }).click();
  await expect(page.getByTestId("consent-prompt")).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  await page.reload();
  await expect(page.getByTestId("signed-out")).toBeVisible();
  await expect(page.getByTestId("consent-prompt")).toHaveCount(0);

  await page.goto(hostUrl(org.site("recipes").host, "/"));
  await expect(page.getByTestId("consent-prompt")).toBeVisible();
});
