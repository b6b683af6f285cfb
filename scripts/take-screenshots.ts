// `npm run screenshots` — pictures of the reader pages for the README, taken from a running
// demo (`npm run demo` in another terminal; acme switched to Opt In so the prompt shows).
// Usage: PORT=3000 npm run screenshots
import { chromium } from "@playwright/test";
import { env } from "@/lib/env";
import { chromiumArgs, findChromiumExecutable } from "../e2e/chromium";

const url = (host: string, path = "/") => `http://${host}:${env.PORT}${path}`;
const out = (name: string) => `docs/screenshots/${name}.png`;

const browser = await chromium.launch({ executablePath: findChromiumExecutable(), args: chromiumArgs });
const context = await browser.newContext({ viewport: { width: 1100, height: 720 } });
const page = await context.newPage();
for (const host of ["news.localhost", "sport.localhost", "recipes.localhost", "daily.localhost"]) {
  await page.goto(url(host));
  await page.screenshot({ path: out(`${host.split(".")[0]}-home`) });
}
await page.goto(url("news.localhost", "/signin"));
await page.getByLabel("Email").fill("reader@example.com");
await page.getByLabel("Password").fill("wrong-password");
await page.getByRole("button", { name: "Sign in" }).click();
await page.getByTestId("form-error").waitFor();
await page.screenshot({ path: out("news-signin-error") });
await page.getByLabel("Password").fill("reader-password-1");
await page.getByRole("button", { name: "Sign in" }).click();
await page.getByTestId("signed-in-as").waitFor();
await page.goto(url("sport.localhost"));
await page.screenshot({ path: out("sport-opt-in-prompt") });
await page.goto(url("recipes.localhost", "/signin"));
await page.screenshot({ path: out("recipes-signin-continue-as") });
await page.goto(url("news.localhost", "/account"));
await page.screenshot({ path: out("news-account"), fullPage: true });
await browser.close();
console.log("screenshots written to docs/screenshots/");
