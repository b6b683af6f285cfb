// Issue 19's staff story in real Chromium, with the run's real SMTP catcher: an owner (who signs
// in with their own authenticator code) requires two-factor sign-in for everyone and invites a
// colleague; the invitation mail arrives; the colleague sets a password, is sent to enrol an
// authenticator (the test computes its codes with otpauth from the secret the page shows), keeps
// the recovery codes, signs out, signs in again with a fresh code, and changes the SSO mode in
// Identity › Settings. axe checks the new pages.
import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { generateTotpSecret, sealTotpSecret } from "@/lib/staff/totp";
import { linkIn, waitForMail } from "@/scripts/mail/caught-mail";
import { clientAddress, expect, test } from "./support/fixtures";
import { hostUrl } from "./support/hosts";
import { signInOnConsolePage } from "./support/admin";

const ADMIN = "admin.localhost";

function codeFor(secret: string, stepOffset = 0): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30, timestamp: Date.now() + stepOffset * 30_000 });
}

async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
}

async function typeCode(page: Page, code: string): Promise<void> {
  await expect(page.getByRole("heading", { name: "Two-factor sign-in" })).toBeVisible({ timeout: 20_000 });
  await page.getByLabel("Code from your authenticator app").fill(code);
  await page.getByRole("button", { name: "Continue" }).click();
}

test("an owner invites a colleague by mail; the colleague sets a password, enrols TOTP, signs in with a code and changes the SSO mode", async ({ browser, makeOrg }) => {
  test.setTimeout(240_000);
  const org = await makeOrg("auto_login");
  const tag = randomUUID().slice(0, 8);
  const owner = { email: `owner-${tag}@example.test`, password: `owner-password-${tag}` };
  const ownerSecret = generateTotpSecret();
  await db.staff.create({
    data: {
      email: owner.email,
      name: `Owner ${tag}`,
      passwordHash: await hashPassword(owner.password),
      totpSecretSealed: sealTotpSecret(ownerSecret),
      totpEnabledAt: new Date(),
      memberships: { create: { orgId: org.id, role: "owner" } },
    },
  });

  // The owner signs in: password, then their authenticator's code.
  const ownerPage = await (await browser.newContext({ extraHTTPHeaders: clientAddress() })).newPage();
  await ownerPage.goto(hostUrl(ADMIN, "/"));
  await signInOnConsolePage(ownerPage, owner);
  await typeCode(ownerPage, codeFor(ownerSecret));
  await expect(ownerPage).toHaveURL(new RegExp(`/orgs/${org.slug}/identity/settings`), { timeout: 20_000 });

  // Team: require two-factor sign-in for everyone, and invite a colleague as Admin.
  await ownerPage.getByRole("link", { name: "Team" }).click();
  await expect(ownerPage.getByRole("heading", { name: "Team", level: 1 })).toBeVisible();
  await expectAccessible(ownerPage);
  const policy = ownerPage.getByRole("form", { name: "Two-factor sign-in" });
  await policy.getByRole("radio", { name: "Required for everyone" }).check();
  await policy.getByRole("button", { name: "Save" }).click();
  await expect(policy.getByRole("status")).toContainText("Saved. Required for everyone.");
  const colleague = { email: `colleague-${tag}@example.test`, password: `colleague-password-${tag}`, name: `Colleague ${tag}` };
  const invitedAt = new Date(Date.now() - 1000);
  const inviteForm = ownerPage.getByRole("form", { name: "Invite a colleague" });
  await inviteForm.getByLabel("Email").fill(colleague.email);
  await inviteForm.getByLabel("Role").selectOption("admin");
  await inviteForm.getByRole("button", { name: "Send invitation" }).click();
  await expect(inviteForm.getByRole("status")).toContainText(`Invitation sent to ${colleague.email}.`);
  await expect(ownerPage.getByRole("region", { name: "Pending invitations" }).getByRole("rowheader", { name: colleague.email })).toBeVisible();

  // The mail arrives at the local SMTP server; the colleague follows its link.
  const mail = await waitForMail(colleague.email, /invited to the .* admin console/, { after: invitedAt });
  const link = linkIn(mail, "/invitation?token=");
  const page = await (await browser.newContext({ extraHTTPHeaders: clientAddress() })).newPage();
  await page.goto(link);
  await expect(page.getByRole("heading", { name: /^Join / })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Your name").fill(colleague.name);
  await page.getByLabel("Choose a password").fill(colleague.password);
  await page.getByLabel("Type it again").fill(colleague.password);
  await page.getByRole("button", { name: "Join" }).click();
  await expect(page.getByRole("status")).toContainText("You joined");
  await page.getByRole("link", { name: "Sign in" }).click();

  // Password first; the organisation requires a second factor, so: set up an authenticator.
  await signInOnConsolePage(page, colleague);
  await expect(page.getByRole("heading", { name: "Set up two-factor sign-in" })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("img", { name: /QR code to add/ })).toBeVisible();
  await expectAccessible(page);
  const secret = ((await page.locator("code.admin-secret").textContent()) ?? "").replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  // Until enrolled, the console is closed to this session.
  expect(await page.evaluate(async (slug) => (await fetch(`/api/orgs/${slug}/sso`)).status, org.slug)).toBe(401);
  await page.getByLabel("Code shown by the app").fill(codeFor(secret));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await page.getByRole("link", { name: "I saved them — continue" }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${org.slug}/identity/settings`));

  // Sign out, and back in with the password and a fresh code (the enrolment's own code is spent).
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Staff sign-in" })).toBeVisible();
  await signInOnConsolePage(page, colleague);
  await expect(page.getByRole("heading", { name: "Two-factor sign-in" })).toBeVisible({ timeout: 20_000 });
  await expectAccessible(page);
  await typeCode(page, codeFor(secret, 1));
  await expect(page).toHaveURL(new RegExp(`/orgs/${org.slug}/identity/settings`), { timeout: 20_000 });

  // The colleague (an Admin) changes the SSO mode in Identity › Settings.
  await page.getByRole("radio", { name: /^Opt In/ }).check();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Switch to Opt In" }).click();
  await expect(page.getByRole("form", { name: "Single Sign-On (SSO)" }).getByRole("status")).toContainText("Saved. Opt In is in force");
  expect((await db.organization.findUniqueOrThrow({ where: { id: org.id } })).ssoMode).toBe("opt_in");
  const staffId = (await db.staff.findUniqueOrThrow({ where: { email: colleague.email } })).id;
  expect(await db.auditEvent.count({ where: { orgId: org.id, type: "sso.mode_changed", actorStaffId: staffId } })).toBe(1);
});
