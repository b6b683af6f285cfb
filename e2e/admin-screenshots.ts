// Screenshots of the admin console for docs/screenshots/ (not part of the suite):
//   DATABASE_URL=… AUTH_SECRET=… E2E_PORT=3300 ./node_modules/.bin/next start -p 3300 &
//   DATABASE_URL=… E2E_PORT=3300 ./node_modules/.bin/tsx e2e/admin-screenshots.ts
// It first generates some SSO activity on the acme demo sites (handshakes, a sign-in, a
// replayed callback) and backfills the previous 23 hours with SYNTHETIC one-time tokens and
// refusals (so the hourly charts have a day of history to show), then signs in as the acme
// admin, makes a settings change and undoes it (so the audit log has who/old → new), and
// captures every console page at 390 px and 1280 px wide (docs/screenshots/admin-<page>-<width>.png).
// Never run it against a database whose activity or audit figures matter.
import { mkdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { db, disconnectDatabase } from "@/lib/db/client";
import { generateSecret, hashSecret } from "@/lib/security/secrets";
import { chromium, type Browser } from "@playwright/test";
import { chromiumArgs, findChromiumExecutable } from "./chromium";
import { hostUrl } from "./support/hosts";
import { captureFullPage as capture } from "./support/full-page-capture";
import { signInFromPage } from "./support/reader";

async function generateActivity(browser: Browser): Promise<void> {
  const callbacks: string[] = [];
  const reader = await browser.newContext();
  const page = await reader.newPage();
  page.on("request", (request) => {
    if (request.url().includes("/sso/callback?")) callbacks.push(request.url());
  });
  await page.goto(hostUrl("news.localhost", "/"));
  await page.goto(hostUrl("sport.localhost", "/"));
  await signInFromPage(page, "reader@example.com", "reader-password-1");
  await page.goto(hostUrl("recipes.localhost", "/"));
  await page.goto(hostUrl("news.localhost", "/"));
  for (let i = 0; i < 3; i++) {
    const visitor = await browser.newContext();
    const visitorPage = await visitor.newPage();
    await visitorPage.goto(hostUrl(i === 1 ? "sport.localhost" : "news.localhost", "/"));
    await visitor.close();
  }
  // A replayed callback URL: refused, and recorded as a security event.
  const replay = callbacks[0];
  if (replay) {
    const attacker = await browser.newContext();
    await (await attacker.newPage()).goto(replay).catch(() => undefined);
    await attacker.close();
  }
  await reader.close();
}

/** A day of made-up handshakes, shaped like a news day (quiet at night, busy at breakfast and in the evening). */
async function backfillSyntheticHistory(): Promise<number> {
  const org = await db.organization.findUniqueOrThrow({ where: { slug: "acme" }, include: { sites: true } });
  // Once a day is enough: a second run within 24 h keeps the history it already made.
  const recent = await db.auditEvent.count({
    where: { orgId: org.id, type: "sso.state_mismatch", data: { path: ["synthetic"], equals: true }, createdAt: { gt: new Date(Date.now() - 20 * 3_600_000) } },
  });
  if (recent > 0) return 0;
  const token = await db.ssoToken.create({
    data: { orgId: org.id, secretHash: hashSecret(generateSecret()), expiresAt: new Date(Date.now() + 86_400_000) },
  });
  const now = Date.now();
  let count = 0;
  for (const [siteIndex, site] of org.sites.entries()) {
    for (let hoursAgo = 1; hoursAgo <= 23; hoursAgo++) {
      const hourOfDay = new Date(now - hoursAgo * 3_600_000).getUTCHours();
      const busy = Math.max(0, Math.round(6 + 5 * Math.sin(((hourOfDay - 4) / 24) * 2 * Math.PI) + ((hoursAgo * 7 + siteIndex * 3) % 5)));
      const rows = Array.from({ length: busy }, (_, i) => {
        const createdAt = new Date(now - hoursAgo * 3_600_000 - ((i * 97) % 3_000) * 1000);
        const expired = (i + hoursAgo + siteIndex) % 9 === 0;
        return {
          orgId: org.id,
          siteId: site.id,
          ssoTokenId: token.id,
          tokenHash: new Uint8Array(randomBytes(32)),
          stateHash: new Uint8Array(randomBytes(32)),
          createdAt,
          expiresAt: new Date(createdAt.getTime() + 60_000),
          usedAt: expired ? null : new Date(createdAt.getTime() + 1_500),
        };
      });
      count += (await db.oneTimeToken.createMany({ data: rows })).count;
      if ((hoursAgo + siteIndex) % 6 === 0) {
        await db.auditEvent.create({
          data: { orgId: org.id, siteId: site.id, type: "sso.state_mismatch", createdAt: new Date(now - hoursAgo * 3_600_000), data: { reason: "state_mismatch", synthetic: true } },
        });
      }
    }
  }
  return count;
}

const WIDTHS = [390, 1280] as const;

async function main(): Promise<void> {
  mkdirSync("docs/screenshots", { recursive: true });
  const browser = await chromium.launch({ executablePath: findChromiumExecutable(), args: chromiumArgs });
  const written: string[] = [];
  try {
    await generateActivity(browser);
    console.log(`backfilled ${await backfillSyntheticHistory()} synthetic one-time tokens`);
    const acme = await db.organization.findUniqueOrThrow({ where: { slug: "acme" } });
    const reader = await db.reader.findUniqueOrThrow({ where: { orgId_email: { orgId: acme.id, email: "reader@example.com" } } });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(hostUrl("admin.localhost", "/"));
    await page.getByLabel("Email").fill("admin@acme.example");
    await page.getByLabel("Password").fill("admin-password-1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/orgs\/acme\/identity\/settings$/);
    // A settings change and its undo, so the audit log shows who changed what (old → new).
    // (No named functions inside evaluate: tsx would wrap them in a helper the page lacks.)
    await page.evaluate(async () => {
      const current = (await (await fetch("/api/orgs/acme/sso")).json()) as { mode: string; ottTtlSeconds: number };
      for (const ottTtlSeconds of [current.ottTtlSeconds === 90 ? 60 : 90, current.ottTtlSeconds]) {
        await fetch("/api/orgs/acme/sso", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ mode: current.mode, ottTtlSeconds }) });
      }
    });
    const pages: [string, string][] = [
      ["settings", "/orgs/acme/identity/settings"],
      ["sites", "/orgs/acme/sites"],
      ["readers", "/orgs/acme/readers"],
      ["reader", `/orgs/acme/readers/${reader.id}`],
      ["audit", "/orgs/acme/audit"],
      ["activity", "/orgs/acme/activity"],
      ["404", "/orgs/acme/no-such-page"],
    ];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      for (const [name, path] of pages) {
        await page.goto(hostUrl("admin.localhost", path));
        const file = `docs/screenshots/admin-${name}-${width}.png`;
        await capture(page, file);
        written.push(file);
      }
    }
    await context.close();
  } finally {
    await browser.close();
    await disconnectDatabase();
  }
  console.log(`wrote ${written.join(", ")}`);
}
main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
