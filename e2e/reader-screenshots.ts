// Screenshots of the reader's pages for docs/screenshots/ (not part of the suite), at a phone's
// 390 px and a laptop's 1280 px: the account page of a reader signed in from three browsers, a
// site's 404, and the sign-in and registration pages showing an error.
//   DATABASE_URL=… AUTH_SECRET=… ./node_modules/.bin/next start -p 3500 &   (a seeded database)
//   DATABASE_URL=… E2E_PORT=3500 ./node_modules/.bin/tsx e2e/reader-screenshots.ts
// It creates a new reader in the acme demo organisation on each run.
import { mkdirSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { chromium, type Browser, type Page } from "@playwright/test";
import { db, disconnectDatabase } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { chromiumArgs, findChromiumExecutable } from "./chromium";
import { hostUrl } from "./support/hosts";

const OUT = "docs/screenshots";
const WIDTHS = [390, 1280] as const;
const USER_AGENTS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
];

async function signIn(page: Page, host: string, email: string, password: string): Promise<void> {
  await page.goto(hostUrl(host, "/signin"));
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByTestId("signed-in-as").waitFor();
}

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
  const org = await db.organization.findUniqueOrThrow({ where: { slug: "acme" } });
  const tag = randomUUID().slice(0, 6);
  const reader = { email: `sam.${tag}@example.com`, password: `pw-${tag}-long-enough` };
  await db.reader.create({ data: { orgId: org.id, email: reader.email, displayName: "Sam Reader", passwordHash: await hashPassword(reader.password) } });
  const browser = await chromium.launch({ executablePath: findChromiumExecutable(), args: chromiumArgs });
  try {
    for (const userAgent of USER_AGENTS) {
      const context = await browser.newContext({ userAgent });
      const page = await context.newPage();
      await signIn(page, "news.localhost", reader.email, reader.password);
      await page.goto(hostUrl("sport.localhost", "/"));
      await context.close();
    }
    const main = await browser.newContext();
    const page = await main.newPage();
    await signIn(page, "news.localhost", reader.email, reader.password);
    for (const host of ["sport.localhost", "recipes.localhost"]) await page.goto(hostUrl(host, "/"));
    const state = `/tmp/reader-screenshots-${tag}.json`;
    await main.storageState({ path: state });
    await main.close();

    for (const width of WIDTHS) {
      await shoot(browser, "reader-account", width, async (p) => void (await p.goto(hostUrl("news.localhost", "/account"))), state);
      await shoot(browser, "reader-404", width, async (p) => {
        await p.goto(hostUrl("sport.localhost", "/articles/no-such-story"));
        await p.getByRole("heading", { name: "Page not found" }).waitFor();
      });
      await shoot(browser, "reader-signin-error", width, async (p) => {
        await p.goto(hostUrl("news.localhost", "/signin"));
        await p.getByLabel("Email").fill(reader.email);
        await p.getByLabel("Password").fill("not-my-password");
        await p.getByRole("button", { name: "Sign in", exact: true }).click();
        await p.getByTestId("form-error").waitFor();
      });
      await shoot(browser, "reader-register-error", width, async (p) => {
        await p.goto(hostUrl("news.localhost", "/register"));
        await p.getByLabel("Name (optional)").fill("O'Brien\u202Eevil");
        await p.getByLabel("Email").fill(`new.${tag}@example.com`);
        await p.getByLabel("Password").fill("violet-harbour-27");
        await p.getByRole("button", { name: "Create account" }).click();
        await p.getByTestId("form-error").waitFor();
      });
    }
  } finally {
    await browser.close();
    await disconnectDatabase();
  }
}

await main();
