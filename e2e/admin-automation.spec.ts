// The console's automation pages in real Chromium: an owner registers an external site on the
// External sites page, copies its client id and the secret shown once, and the example external
// site (examples/external-site) configured with them completes a handshake: a reader signed in
// on an internal acme site is recognised there. The owner then takes it out of SSO, and the
// site's next handshake leaves the reader anonymous.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { createTestStaff } from "../test/http/admin-support";
import { openAdminConsole } from "./support/admin";
import { startExternalSite } from "./support/external-site";
import { expect, test } from "./support/base-test";
import { hostUrl, port as appPort } from "./support/hosts";
import { signInFromPage } from "./support/reader";

test("an external site registered in the console completes a handshake with the example external site", async ({ browser, page }) => {
  test.setTimeout(120_000);
  const acme = await db.organization.findUniqueOrThrow({ where: { slug: "acme" } });
  // The seed has no owner (its staff are admins); registering a site mints a secret: owners only.
  const owner = await createTestStaff([{ orgId: acme.id, role: "owner" }]);
  const admin = await openAdminConsole(browser, owner);
  const slug = `partner-${randomUUID().slice(0, 6)}`;
  const hostname = `${slug}.localhost`;
  const sitePort = appPort + 7;

  await admin.goto(hostUrl("admin.localhost", "/orgs/acme/external-sites"));
  await admin.getByLabel("Name").fill("Partner via console");
  await admin.getByLabel("Slug").fill(slug);
  await admin.getByLabel("Callback URL").fill(`http://${hostname}:${sitePort}/callback`);
  await admin.getByRole("button", { name: "Register site" }).click();
  const shown = admin.getByTestId("one-time-secret");
  await expect(shown).toBeVisible();
  const clientId = (await shown.locator('[data-secret-label="Client id"]').textContent()) ?? "";
  const clientSecret = (await shown.locator('[data-secret-label="Client secret"]').textContent()) ?? "";
  expect(clientId).toMatch(/^mss_/);
  expect(clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  // The list shows the client id, never the secret.
  await expect(admin.locator(`tr[data-site="${slug}"]`).getByTestId("client-id")).toHaveText(clientId);
  await admin.reload();
  await expect(admin.getByText(clientSecret)).toHaveCount(0);

  const site = await startExternalSite({ hostname, port: sitePort, slug, clientId, clientSecret });
  try {
    await page.goto(hostUrl("news.localhost", "/"));
    await signInFromPage(page, "reader@example.com", "reader-password-1");
    await page.reload();
    await expect(page.getByTestId("signed-in-as")).toHaveText(/Ada Reader/);
    await page.goto(`http://${hostname}:${sitePort}/`);
    await expect(page.getByTestId("partner-signed-in-as")).toHaveText(/Ada Reader/);

    // Disabled from the console: out of SSO. A fresh browser of the same reader is not recognised.
    const row = admin.locator(`tr[data-site="${slug}"]`);
    await row.getByLabel(/Participates in SSO/).uncheck();
    await row.getByRole("button", { name: "Save" }).click();
    await expect(row.getByRole("status")).toHaveText(/out of SSO/);
    const other = await browser.newContext();
    const fresh = await other.newPage();
    await fresh.goto(hostUrl("news.localhost", "/"));
    await signInFromPage(fresh, "reader@example.com", "reader-password-1");
    await fresh.goto(`http://${hostname}:${sitePort}/`);
    await expect(fresh.getByTestId("partner-signed-out")).toBeVisible();
    await other.close();
  } finally {
    await site.stop();
    await admin.context().close();
  }
});
