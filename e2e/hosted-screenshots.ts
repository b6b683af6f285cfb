// Screenshots of the auth domain's hosted sign-in pages (issue 17) for docs/screenshots/ (not part
// of the suite): two differently branded acme sites (The Acme News, blue; Acme Sport, green), at
// a phone's 390 px and a laptop's 1280 px — the sign-in page with a wrong password, the
// registration page, and Opt In's Continue page. acme hosts sign-in for the run and is put back.
//   DATABASE_URL=… AUTH_SECRET=… node server.mjs -p 3503 &   (a seeded database, PORT=3503)
//   DATABASE_URL=… E2E_PORT=3503 ./node_modules/.bin/tsx e2e/hosted-screenshots.ts
import { mkdirSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { chromium, type Browser, type Page } from "@playwright/test";
import { db, disconnectDatabase } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
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
  console.log(`${name}-${width}.png  ${new URL(page.url()).host}  scrollWidth=${scrollWidth}`);
  await context.close();
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const org = await db.organization.findUniqueOrThrow({ where: { slug: "acme" } });
  const before = { hostedSignIn: org.hostedSignIn, ssoMode: org.ssoMode };
  const tag = randomUUID().slice(0, 6);
  const reader = { email: `sam.${tag}@example.com`, password: `pw-${tag}-long-enough` };
  await db.reader.create({ data: { orgId: org.id, email: reader.email, displayName: "Sam Reader", passwordHash: await hashPassword(reader.password) } });
  await db.organization.update({ where: { id: org.id }, data: { hostedSignIn: true, ssoMode: "opt_in" } });
  const browser = await chromium.launch({ executablePath: findChromiumExecutable(), args: chromiumArgs });
  try {
    // A reader signed in on news (on the hosted page), for sport's Continue page.
    const main = await browser.newContext();
    const page = await main.newPage();
    await page.goto(hostUrl("news.localhost", "/signin"));
    await page.getByLabel("Email").fill(reader.email);
    await page.getByLabel("Password").fill(reader.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByTestId("signed-in-as").waitFor();
    const state = `/tmp/hosted-screenshots-${tag}.json`;
    await main.storageState({ path: state });
    await main.close();

    for (const width of WIDTHS) {
      await shoot(browser, "hosted-signin-news-error", width, async (p) => {
        await p.goto(hostUrl("news.localhost", "/signin"));
        await p.getByLabel("Email").fill(reader.email);
        await p.getByLabel("Password").fill("not-my-password");
        await p.getByRole("button", { name: "Sign in", exact: true }).click();
        await p.getByRole("alert").waitFor();
      });
      await shoot(browser, "hosted-register-sport", width, async (p) => {
        await p.goto(hostUrl("sport.localhost", "/register"));
        await p.getByRole("heading", { name: "Create an account" }).waitFor();
      });
      await shoot(browser, "hosted-continue-sport", width, async (p) => {
        await p.goto(hostUrl("sport.localhost", "/"));
        await p.getByTestId("consent-prompt").getByRole("button", { name: "Continue" }).click();
        await p.getByRole("heading", { name: "Continue with your sign-in?" }).waitFor();
      }, state);
    }
  } finally {
    await db.organization.update({ where: { id: org.id }, data: before });
    await browser.close();
    await disconnectDatabase();
  }
}

await main();
