// Screenshots of the console's automation pages for docs/screenshots/ (not part of the suite):
//   WEBHOOK_ALLOW_PRIVATE_HOSTS=127.0.0.1 DATABASE_URL=… AUTH_SECRET=… node server.mjs -p 3300 &
//   DATABASE_URL=… E2E_PORT=3300 ./node_modules/.bin/tsx e2e/automation-screenshots.ts
// Adds an owner to acme (the seed has none), creates an API token and a webhook (to a receiver
// started here, which refuses the first attempt so the delivery log shows a retry), registers
// an external site, changes the SSO mode and back, and captures each automation page at 390 px
// and 1280 px (docs/screenshots/admin-<page>-<width>.png), the token page with its one-time box.
// Never run it against a database whose audit figures matter.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { chromium } from "@playwright/test";
import { db, disconnectDatabase } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { chromiumArgs, findChromiumExecutable } from "./chromium";
import { hostUrl } from "./support/hosts";
import { captureFullPage as capture } from "./support/full-page-capture";

async function main(): Promise<void> {
  let attempts = 0;
  const receiver = http.createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      attempts += 1;
      response.statusCode = attempts === 1 ? 503 : 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const receiverPort = (receiver.address() as AddressInfo).port;
  const acme = await db.organization.findUniqueOrThrow({ where: { slug: "acme" } });
  const email = `owner-${randomUUID().slice(0, 6)}@acme.example`;
  await db.staff.create({ data: { email, name: "Acme Owner", passwordHash: await hashPassword("owner-password-1"), memberships: { create: [{ orgId: acme.id, role: "owner" }] } } });
  const browser = await chromium.launch({ executablePath: findChromiumExecutable(), args: chromiumArgs });
  const written: string[] = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(hostUrl("admin.localhost", "/"));
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("owner-password-1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/orgs\/acme\//, { timeout: 60_000 });

    await page.goto(hostUrl("admin.localhost", "/orgs/acme/webhooks"));
    await page.getByLabel("URL").fill(`http://127.0.0.1:${receiverPort}/sso-events`);
    await page.getByRole("button", { name: "Add webhook" }).click();
    await page.getByTestId("one-time-secret").waitFor();

    await page.goto(hostUrl("admin.localhost", "/orgs/acme/external-sites"));
    await page.getByLabel("Name").fill("Partner Shop");
    await page.getByLabel("Slug").fill(`shop-${randomUUID().slice(0, 4)}`);
    await page.getByLabel("Callback URL").fill("https://shop.partner.example/sso/callback");
    await page.getByRole("button", { name: "Register site" }).click();
    await page.getByTestId("one-time-secret").waitFor();

    // A mode change and its undo with the token, so the webhook has deliveries (one retried).
    await page.goto(hostUrl("admin.localhost", "/orgs/acme/api-tokens"));
    await page.getByLabel("Name").fill("deploy pipeline");
    await page.getByLabel("Role").selectOption("admin");
    await page.getByRole("button", { name: "Create token" }).click();
    const token = (await page.locator('[data-secret-label="API token"]').textContent()) ?? "";
    await page.locator("tr[data-token-id]").first().waitFor();
    await capture(page, "docs/screenshots/admin-api-tokens-created-1280.png");
    written.push("docs/screenshots/admin-api-tokens-created-1280.png");
    for (const mode of ["opt_in", "auto_login"]) {
      await page.evaluate(
        async ({ mode, token }) => {
          await fetch("/api/orgs/acme/sso", { method: "PUT", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ mode }) });
        },
        { mode, token },
      );
    }
    for (let i = 0; i < 100 && attempts < 3; i++) await new Promise((resolve) => setTimeout(resolve, 200));

    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      for (const name of ["api-tokens", "webhooks", "external-sites"]) {
        await page.goto(hostUrl("admin.localhost", `/orgs/acme/${name}`));
        const file = `docs/screenshots/admin-${name}-${width}.png`;
        await capture(page, file);
        written.push(file);
      }
    }
    await context.close();
  } finally {
    await browser.close();
    receiver.close();
    await disconnectDatabase();
  }
  console.log(`wrote ${written.join(", ")}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
