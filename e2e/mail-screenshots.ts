// Screenshots of the mailed-link flows for docs/screenshots/ (not part of the suite): the
// sign-in page with "Forgot password?" and "Email me a sign-in link", the forgot-password and
// new-password pages, the code form, the link's confirmation page (at a phone's 390 px and a
// laptop's 1280 px), and the mails themselves as the catcher's web view shows them.
//   A seeded database, the mail catcher (npx tsx scripts/mail/catcher-cli.ts 2526 8026) and a
//   server with SMTP_URL set; then:
//   DATABASE_URL=… MAIL_CATCHER_URL=http://127.0.0.1:8026 E2E_PORT=3600 ./node_modules/.bin/tsx e2e/mail-screenshots.ts
// It creates a new reader in the acme demo organisation on each run.
import { mkdirSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { chromium, type Browser, type Page } from "@playwright/test";
import { db, disconnectDatabase } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { testEnv } from "@/test/test-env";
import { linkIn, waitForMail, type CaughtMail } from "@/scripts/mail/caught-mail";
import { chromiumArgs, findChromiumExecutable } from "./chromium";
import { hostUrl } from "./support/hosts";

const OUT = "docs/screenshots";
const HOST = "news.localhost";

async function shot(page: Page, name: string): Promise<void> {
  const width = page.viewportSize()?.width ?? 0;
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.screenshot({ path: `${OUT}/${name}-${width}.png`, fullPage: true });
  console.log(`${name}-${width}.png  scrollWidth=${scrollWidth}`);
}

async function page(browser: Browser, width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: width < 500 ? 844 : 800 }, extraHTTPHeaders: { "x-forwarded-for": `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` } });
  return context.newPage();
}

async function mailShot(browser: Browser, mail: CaughtMail, name: string): Promise<void> {
  const p = await page(browser, 900);
  await p.goto(`${testEnv.MAIL_CATCHER_URL}/messages/${mail.id}`);
  await p.waitForTimeout(300);
  await p.screenshot({ path: `${OUT}/${name}.png`, fullPage: true });
  console.log(`${name}.png`);
  await p.context().close();
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const org = await db.organization.findUniqueOrThrow({ where: { slug: "acme" } });
  const tag = randomUUID().slice(0, 6);
  const reader = { email: `robin.${tag}@example.com`, password: `pw-${tag}-long-enough` };
  await db.reader.create({ data: { orgId: org.id, email: reader.email, displayName: "Robin Reader", passwordHash: await hashPassword(reader.password) } });
  const browser = await chromium.launch({ executablePath: findChromiumExecutable(), args: chromiumArgs });
  try {
    for (const width of [390, 1280]) {
      const p = await page(browser, width);
      await p.goto(hostUrl(HOST, "/signin"));
      await shot(p, "mail-signin-options");
      await p.context().close();
    }

    // Password reset.
    const phone = await page(browser, 390);
    await phone.goto(hostUrl(HOST, "/forgot-password"));
    await shot(phone, "mail-forgot-password");
    let asked = new Date();
    await phone.getByLabel("Email").fill(reader.email);
    await phone.getByRole("button", { name: "Send me a link" }).click();
    await phone.getByTestId("form-status").waitFor();
    await shot(phone, "mail-forgot-password-sent");
    const resetMail = await waitForMail(reader.email, /^Reset your password/, { after: asked });
    await mailShot(browser, resetMail, "mail-message-password-reset");
    await phone.goto(linkIn(resetMail, "/reset-password"));
    await phone.getByLabel("New password").fill("password123");
    await phone.getByRole("button", { name: "Set password and sign in" }).click();
    await phone.getByTestId("form-error").waitFor();
    await shot(phone, "mail-reset-password-refused");
    await phone.context().close();

    // Sign-in by emailed link.
    const asker = await page(browser, 390);
    await asker.goto(hostUrl(HOST, "/signin"));
    await asker.getByRole("button", { name: "Email me a sign-in link" }).click();
    await asker.locator("#email-link-email").fill(reader.email);
    asked = new Date();
    await asker.getByRole("button", { name: "Email me a sign-in link" }).click();
    await asker.getByTestId("form-status").waitFor();
    await shot(asker, "mail-signin-link-code");
    const linkMail = await waitForMail(reader.email, /^Your sign-in link/, { after: asked });
    await mailShot(browser, linkMail, "mail-message-signin-link");
    for (const width of [390, 1280]) {
      const p = await page(browser, width);
      await p.goto(linkIn(linkMail, "/signin/link"));
      await shot(p, "mail-signin-link-confirm");
      await p.context().close();
    }

    // The lockout notice.
    const guesser = await page(browser, 1280);
    asked = new Date();
    for (let i = 0; i < 5; i++) {
      await guesser.goto(hostUrl(HOST, "/signin"));
      await guesser.getByLabel("Email").fill(reader.email);
      await guesser.getByLabel("Password").fill(`wrong-guess-${i}`);
      await guesser.getByRole("button", { name: "Sign in", exact: true }).click();
      await guesser.getByTestId("form-error").waitFor();
    }
    await mailShot(browser, await waitForMail(reader.email, /was paused/, { after: asked }), "mail-message-lockout");
  } finally {
    await browser.close();
    await disconnectDatabase();
  }
}

await main();
