// The admin console in real Chromium: the acme admin signs in, opens Identity › Settings,
// switches the SSO mode through the UI, saves — and a reader's next request on news.localhost
// behaves in the new mode. Ends with acme back on Auto Login (saved through the UI), which
// the other specs assume.
import { randomUUID } from "node:crypto";
import type { BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./support/base-test";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { hostUrl } from "./support/hosts";
import { signInFromPage } from "./support/reader";
import { clientAddress } from "./support/fixtures";

const authHost = "auth.acme.localhost";
type ModeLabel = "Auto Login" | "Opt In" | "Disabled";

let adminContext: BrowserContext | null = null;

/** The console's own API, called from its page (Node cannot resolve *.localhost; Chromium can). */
async function apiFromPage(page: Page, method: "GET" | "PUT", body?: unknown): Promise<{ status: number; json: { mode?: string } }> {
  return page.evaluate(
    async ({ method, body }) => {
      const response = await fetch("/api/orgs/acme/sso", {
        method,
        headers: { "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, json: (await response.json()) as { mode?: string } };
    },
    { method, body },
  );
}

test.afterAll(async () => {
  // Safety net only: if the test failed half-way, put acme back for the specs that follow.
  if (!adminContext) return;
  const page = await adminContext.newPage();
  await page.goto(hostUrl("admin.localhost", "/orgs/acme/identity/settings")).catch(() => undefined);
  const current = await apiFromPage(page, "GET").catch(() => null);
  if (current?.status === 200 && current.json.mode !== "auto_login") await apiFromPage(page, "PUT", { mode: "auto_login" });
  await adminContext.close();
});

/** Records the top-level navigations of a reader's browser that reach the auth domain. */
function trackAuthDomain(page: Page): string[] {
  const visits: string[] = [];
  page.on("request", (request) => {
    if (request.isNavigationRequest() && new URL(request.url()).hostname === authHost) visits.push(request.url());
  });
  return visits;
}

async function saveMode(page: Page, label: ModeLabel, diagramTitle: RegExp): Promise<void> {
  const radio = page.getByRole("radio", { name: new RegExp(`^${label}`) });
  await radio.check();
  await expect(radio).toBeChecked();
  // The diagram follows the choice before it is saved.
  await expect(page.getByRole("heading", { name: `What happens with ${label}` })).toBeVisible();
  await expect(page.getByRole("img", { name: diagramTitle })).toBeVisible();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  // An organisation-wide switch asks first, naming the effect.
  const confirm = page.getByRole("dialog", { name: new RegExp(`^Switch every reader of .+ to ${label}\\?$`) });
  await confirm.getByRole("button", { name: `Switch to ${label}` }).click();
  await expect(page.getByRole("form", { name: "Single Sign-On (SSO)" }).getByRole("status")).toContainText(
    `Saved. ${label} is in force from every reader's next request`,
  );
}

test("an admin switches acme's SSO mode in Identity › Settings and readers get the new mode on their next request", async ({ browser }) => {
  adminContext = await browser.newContext({ extraHTTPHeaders: clientAddress() });
  const admin = await adminContext.newPage();

  // Sign in through the UI.
  await admin.goto(hostUrl("admin.localhost", "/"));
  await expect(admin.getByRole("heading", { name: "Staff sign-in" })).toBeVisible();
  await admin.getByLabel("Email").fill("admin@acme.example");
  await admin.getByLabel("Password").fill("admin-password-1");
  await admin.getByRole("button", { name: "Sign in" }).click();
  await expect(admin).toHaveURL(/\/orgs\/acme\//);

  // Open Identity › Settings from the navigation.
  const nav = admin.getByRole("navigation", { name: "Console" });
  await nav.getByRole("link", { name: "Sites", exact: true }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Sites");
  await nav.getByRole("link", { name: "Settings" }).click();
  await expect(admin).toHaveURL(hostUrl("admin.localhost", "/orgs/acme/identity/settings"));
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Identity › Settings");
  await expect(admin.getByRole("group", { name: "Single Sign-On (SSO)" })).toBeVisible();
  await expect(admin.getByRole("radio", { name: /^Auto Login/ })).toBeChecked();

  // Disabled: a reader's first visit to news makes no request to the auth domain.
  await saveMode(admin, "Disabled", /Disabled: no sign-on is shared/);
  const anonymous = await browser.newContext({ extraHTTPHeaders: clientAddress() });
  const anonymousPage = await anonymous.newPage();
  const anonymousAuthVisits = trackAuthDomain(anonymousPage);
  await anonymousPage.goto(hostUrl("news.localhost", "/"));
  await expect(anonymousPage.getByTestId("signed-out")).toBeVisible();
  expect(anonymousAuthVisits).toEqual([]);
  await anonymous.close();

  // Opt In: a reader signed in on sport is recognised on news but not signed in automatically.
  await saveMode(admin, "Opt In", /Opt In: recognised, asked first/);
  const readerContext = await browser.newContext({ extraHTTPHeaders: clientAddress() });
  const reader = await readerContext.newPage();
  const readerAuthVisits = trackAuthDomain(reader);
  await reader.goto(hostUrl("sport.localhost", "/"));
  await signInFromPage(reader, "reader@example.com", "reader-password-1");
  await reader.reload();
  await expect(reader.getByTestId("signed-in-as")).toHaveText(/Ada Reader/);
  const beforeNews = readerAuthVisits.length;
  await reader.goto(hostUrl("news.localhost", "/articles/night-trains"));
  await expect(reader).toHaveURL(hostUrl("news.localhost", "/articles/night-trains"));
  expect(readerAuthVisits.length).toBe(beforeNews + 1);
  await expect(reader.getByTestId("signed-out")).toBeVisible();
  const status = await reader.evaluate(async () => (await (await fetch("/api/sso/status")).json()) as { status: string });
  expect(status.status).toBe("known");

  // Back to Auto Login through the UI: the same reader's next request on news signs them in.
  await saveMode(admin, "Auto Login", /Auto Login: signed in on arrival/);
  await reader.reload();
  await expect(reader.getByTestId("signed-in-as")).toHaveText(/Ada Reader/);
  await readerContext.close();

  // What the console saved is what the API reads back.
  await admin.reload();
  await expect(admin.getByRole("radio", { name: /^Auto Login/ })).toBeChecked();
  expect(await apiFromPage(admin, "GET")).toEqual({ status: 200, json: expect.objectContaining({ mode: "auto_login" }) });
});

test("a wrong password is refused with a clear message and no session", async ({ page }) => {
  // A staff member of this test only: repeated runs against one database never lock out a shared account.
  const email = `staff-${randomUUID().slice(0, 8)}@globex.example`;
  const globex = await db.organization.findUniqueOrThrow({ where: { slug: "globex" } });
  await db.staff.create({
    data: { email, name: "Test Staff", passwordHash: await hashPassword("the-right-password-1"), memberships: { create: { orgId: globex.id, role: "admin" } } },
  });
  await page.goto(hostUrl("admin.localhost", "/"));
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("form", { name: "Staff sign-in" }).getByRole("alert")).toHaveText("Wrong email or password.");
  await page.goto(hostUrl("admin.localhost", "/orgs/globex/identity/settings"));
  await expect(page).toHaveURL(/\/\?next=/);
});

test("an admin finds a reader on the Readers page and signs them out everywhere; the reader's next page is signed out", async ({ browser }) => {
  const readerContext = await browser.newContext({ extraHTTPHeaders: clientAddress() });
  const reader = await readerContext.newPage();
  await reader.goto(hostUrl("recipes.localhost", "/"));
  await signInFromPage(reader, "reader@example.com", "reader-password-1");
  await reader.goto(hostUrl("news.localhost", "/"));
  await expect(reader.getByTestId("signed-in-as")).toHaveText(/Ada Reader/);

  const staffContext = await browser.newContext({ extraHTTPHeaders: clientAddress() });
  const admin = await staffContext.newPage();
  await admin.goto(hostUrl("admin.localhost", "/?next=%2Forgs%2Facme%2Freaders"));
  await admin.getByLabel("Email").fill("admin@acme.example");
  await admin.getByLabel("Password").fill("admin-password-1");
  await admin.getByRole("button", { name: "Sign in" }).click();
  await expect(admin).toHaveURL(hostUrl("admin.localhost", "/orgs/acme/readers"));
  await admin.getByLabel("Email address (or its beginning)").fill("reader@ex");
  await admin.getByRole("button", { name: "Find" }).click();
  await admin.getByRole("link", { name: "reader@example.com" }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("reader@example.com");
  await expect(admin.getByRole("heading", { name: "Site sessions" })).toBeVisible();

  admin.once("dialog", (dialog) => void dialog.accept());
  await admin.getByRole("button", { name: "Sign reader@example.com out everywhere" }).click();
  await expect(admin.getByRole("status").filter({ hasText: /^Revoked \d+ session\(s\) and \d+ SSO token\(s\)\.$/ })).toBeVisible();

  await reader.reload();
  await expect(reader.getByTestId("signed-out")).toBeVisible();
  await reader.goto(hostUrl("recipes.localhost", "/"));
  await expect(reader.getByTestId("signed-out")).toBeVisible();
  await readerContext.close();
  await staffContext.close();
});
