// Screenshots of the console's staff pages for docs/screenshots/ (not part of the suite):
//   DATABASE_URL=… AUTH_SECRET=… E2E_PORT=3300 ./node_modules/.bin/next start -p 3300 &   (seeded with PORT=3300)
//   DATABASE_URL=… AUTH_SECRET=… MAIL_CATCHER_URL=… E2E_PORT=3300 ./node_modules/.bin/tsx e2e/staff-screenshots.ts
// Signs in as the acme owner, invites a colleague (so Team has a pending invitation), opens the
// invitation the mail carries, sets up an authenticator for a throwaway staff member (its code
// computed with otpauth) and shows the code page — each at 390 px and 1280 px wide
// (docs/screenshots/admin-<page>-<width>.png). Never run it against a database that matters.
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { chromium, type Browser, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { db, disconnectDatabase } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { linkIn, waitForMail } from "@/scripts/mail/caught-mail";
import { chromiumArgs, findChromiumExecutable } from "./chromium";
import { hostUrl } from "./support/hosts";

const WIDTHS = [390, 1280] as const;
const out = (name: string, width: number) => `docs/screenshots/admin-${name}-${width}.png`;

async function shoot(page: Page, name: string): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
    await page.screenshot({ path: out(name, width), fullPage: true });
  }
}

async function signIn(browser: Browser, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(hostUrl("admin.localhost", "/"));
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/(orgs|two-factor)/, { timeout: 30_000 });
  return page;
}

mkdirSync("docs/screenshots", { recursive: true });
const browser = await chromium.launch({ executablePath: findChromiumExecutable(), args: chromiumArgs });
try {
  const owner = await signIn(browser, "owner@acme.example", "owner-password-1");
  const invitee = `new-colleague-${randomUUID().slice(0, 6)}@acme.example`;
  const asked = new Date(Date.now() - 1000);
  await owner.goto(hostUrl("admin.localhost", "/orgs/acme/team"));
  const form = owner.getByRole("form", { name: "Invite a colleague" });
  await form.getByLabel("Email").fill(invitee);
  await form.getByLabel("Role").selectOption("admin");
  await form.getByRole("button", { name: "Send invitation" }).click();
  await form.getByRole("status").filter({ hasText: "Invitation sent" }).waitFor();
  await owner.reload();
  await shoot(owner, "team");
  await owner.goto(hostUrl("admin.localhost", "/orgs/acme/account"));
  await shoot(owner, "account");

  const mail = await waitForMail(invitee, /invited/, { after: asked });
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(linkIn(mail, "/invitation?token="));
  await shoot(visitor, "invitation");

  // A throwaway staff member sets up an authenticator, signs out, and meets the code page.
  const tag = randomUUID().slice(0, 6);
  const email = `screenshot-${tag}@acme.example`;
  const org = await db.organization.findUniqueOrThrow({ where: { slug: "acme" } });
  await db.staff.create({ data: { email, name: `Sam ${tag}`, passwordHash: await hashPassword("screenshot-password-1"), memberships: { create: { orgId: org.id, role: "viewer" } } } });
  const staff = await signIn(browser, email, "screenshot-password-1");
  await staff.goto(hostUrl("admin.localhost", "/two-factor/enrol"));
  await shoot(staff, "two-factor-enrol");
  const secret = ((await staff.locator("code.admin-secret").textContent()) ?? "").replace(/\s/g, "");
  await staff.getByLabel("Code shown by the app").fill(TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }));
  await staff.getByRole("button", { name: "Turn on" }).click();
  await staff.getByRole("list", { name: "Recovery codes" }).waitFor();
  await shoot(staff, "two-factor-recovery-codes");
  const again = await signIn(browser, email, "screenshot-password-1");
  await shoot(again, "two-factor");
  console.log("staff screenshots written to docs/screenshots/admin-{team,account,invitation,two-factor*}-{390,1280}.png");
} finally {
  await browser.close();
  await disconnectDatabase();
}
