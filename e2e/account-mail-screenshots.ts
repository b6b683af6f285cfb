// Screenshots of issue 16's account sections and the console's Mail page for docs/screenshots/
// (not part of the suite), at 390 px and 1280 px: the account page of a reader whose email is
// unconfirmed (resend, change password, change email — after asking for a new address), the
// page a change-of-email link opens, Identity › Mail with a dead letter, and the mail settings.
//   DATABASE_URL=… AUTH_SECRET=… SMTP_URL=… node server.mjs -p 3500 &   (a seeded database)
//   DATABASE_URL=… E2E_PORT=3500 MAIL_CATCHER_URL=… ./node_modules/.bin/tsx e2e/account-mail-screenshots.ts
// It creates a new reader in the acme demo organisation on each run.
import { mkdirSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { chromium, type Browser, type Page } from "@playwright/test";
import { db, disconnectDatabase } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { linkIn, mailTo, waitForMail } from "@/scripts/mail/caught-mail";
import { chromiumArgs, findChromiumExecutable } from "./chromium";
import { hostUrl } from "./support/hosts";

const OUT = "docs/screenshots";
const WIDTHS = [390, 1280] as const;

async function shoot(browser: Browser, name: string, width: number, prepare: (page: Page) => Promise<void>, storageState?: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width, height: width < 500 ? 844 : 800 }, ...(storageState ? { storageState } : {}) });
  const page = await context.newPage();
  await prepare(page);
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.screenshot({ path: `${OUT}/${name}-${width}.png`, fullPage: true });
  console.log(`${name}-${width}.png  scrollWidth=${scrollWidth}`);
  await context.close();
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const org = await db.organization.findUniqueOrThrow({ where: { slug: "acme" }, include: { sites: true } });
  const tag = randomUUID().slice(0, 6);
  const reader = { email: `robin.${tag}@example.com`, password: `pw-${tag}-long-enough` };
  await db.reader.create({ data: { orgId: org.id, email: reader.email, displayName: "Robin Reader", passwordHash: await hashPassword(reader.password) } });
  // A dead letter, as the worker leaves one after a permanent refusal.
  await db.outboxMail.create({
    data: { orgId: org.id, siteId: org.sites[0]?.id ?? null, kind: "reader.verify_email", toAddress: `someone.${tag}@reject.invalid`, fromAddress: "Acme <no-reply@acme.example>", subject: "Confirm", state: "dead", attempts: 1, lastError: "550 5.1.1 recipients at reject.invalid are refused" },
  });
  const browser = await chromium.launch({ executablePath: findChromiumExecutable(), args: chromiumArgs });
  try {
    const readerContext = await browser.newContext();
    const page = await readerContext.newPage();
    await page.goto(hostUrl("news.localhost", "/signin"));
    await page.getByLabel("Email").fill(reader.email);
    await page.getByLabel("Password").fill(reader.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByTestId("signed-in-as").waitFor();
    const readerState = `/tmp/mail-screenshots-reader-${tag}.json`;
    await readerContext.storageState({ path: readerState });
    await readerContext.close();

    const newEmail = `robin.new.${tag}@example.com`;
    // Each width asks again (the second link voids the first): the confirm page opens the last one.
    for (const width of WIDTHS) {
      await shoot(browser, "reader-account-security", width, async (p) => {
        await p.goto(hostUrl("news.localhost", "/account"));
        const form = p.getByTestId("change-email");
        await form.getByLabel("New email").fill(newEmail);
        await form.getByLabel("Current password").fill(reader.password);
        await form.getByRole("button", { name: "Send a confirmation link" }).click();
        await form.getByRole("status").getByText("We sent a link").waitFor();
        await p.getByRole("heading", { name: "Change password" }).scrollIntoViewIfNeeded();
      }, readerState);
    }
    // One mail per width: wait for the last one (the catcher lists newest first).
    let asked = await mailTo(newEmail);
    while (asked.length < WIDTHS.length) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      asked = await mailTo(newEmail);
    }
    const link = linkIn(asked[0] ?? (await waitForMail(newEmail, /Confirm your new email/)), "/account/email?token=");
    for (const width of WIDTHS) await shoot(browser, "reader-confirm-new-email", width, async (p) => void (await p.goto(link)));

    const staffContext = await browser.newContext();
    const admin = await staffContext.newPage();
    await admin.goto(hostUrl("admin.localhost", "/"));
    await admin.getByLabel("Email").fill("admin@acme.example");
    await admin.getByLabel("Password").fill("admin-password-1");
    await admin.getByRole("button", { name: "Sign in" }).click();
    await admin.waitForURL(/\/orgs\//, { timeout: 30_000 });
    const staffState = `/tmp/mail-screenshots-staff-${tag}.json`;
    await staffContext.storageState({ path: staffState });
    await staffContext.close();
    for (const width of WIDTHS) {
      await shoot(browser, "admin-mail", width, async (p) => void (await p.goto(hostUrl("admin.localhost", "/orgs/acme/identity/mail"))), staffState);
      await shoot(browser, "admin-settings-mail", width, async (p) => {
        await p.goto(hostUrl("admin.localhost", "/orgs/acme/identity/settings"));
        await p.getByRole("heading", { name: "Readers' email" }).scrollIntoViewIfNeeded();
      }, staffState);
    }
  } finally {
    await browser.close();
    await disconnectDatabase();
  }
}

await main();
