// The admin console as the scenarios drive it: sign in as staff, switch an organisation's SSO
// mode in Identity › Settings (confirming the switch), take a site out of SSO on the Sites page —
// through the UI.
import { expect, type Browser, type Page } from "@playwright/test";
import { hostUrl } from "./hosts";
import { clientAddress } from "./fixtures";

export type ModeLabel = "Auto Login" | "Opt In" | "Disabled";

export async function openAdminConsole(
  browser: Browser,
  staff = { email: "admin@acme.example", password: "admin-password-1" },
  viewport: { width: number; height: number } = { width: 1280, height: 720 },
): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: clientAddress(), viewport });
  const page = await context.newPage();
  await page.goto(hostUrl("admin.localhost", "/"));
  await signInOnConsolePage(page, staff);
  // Sign-in hashes the password with argon2id (m = 19 MiB): slow on a busy machine.
  await expect(page).toHaveURL(/\/orgs\//, { timeout: 20_000 });
  return page;
}

/** Fills and sends the staff sign-in form the page is showing. */
export async function signInOnConsolePage(page: Page, staff: { email: string; password: string }): Promise<void> {
  await page.getByLabel("Email").fill(staff.email);
  await page.getByLabel("Password").fill(staff.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Saves Identity › Settings; an organisation-wide mode switch asks first, and this confirms it. */
async function saveSettingsConfirmingModeSwitch(admin: Page, label: ModeLabel): Promise<void> {
  await admin.getByRole("button", { name: "Save", exact: true }).click();
  const confirm = admin.getByRole("dialog").getByRole("button", { name: `Switch to ${label}` });
  const status = admin.getByRole("form", { name: "Single Sign-On (SSO)" }).getByRole("status");
  await expect(confirm.or(status.filter({ hasText: /\S/ }))).toBeVisible();
  if (await confirm.isVisible()) await confirm.click();
}

export async function switchModeAsAdmin(admin: Page, label: ModeLabel, orgSlug = "acme"): Promise<void> {
  await admin.goto(hostUrl("admin.localhost", `/orgs/${orgSlug}/identity/settings`));
  await admin.getByRole("radio", { name: new RegExp(`^${label}`) }).check();
  await saveSettingsConfirmingModeSwitch(admin, label);
  // Saving the mode already in force is a no-op the console says so; either way it is in force.
  await expect(admin.getByRole("form", { name: "Single Sign-On (SSO)" }).getByRole("status")).toContainText(
    new RegExp(`Saved\\. ${label} is in force|Nothing to save`),
  );
}

export async function setSiteParticipation(admin: Page, siteName: string, participates: boolean, orgSlug = "acme"): Promise<void> {
  await admin.goto(hostUrl("admin.localhost", `/orgs/${orgSlug}/sites`));
  const form = admin.getByRole("form", { name: `SSO for ${siteName}` });
  await form.getByRole("checkbox", { name: "Participates in SSO" }).setChecked(participates);
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("status")).toContainText(participates ? `Saved for ${siteName}` : `${siteName} is out of SSO`);
}
