// A Zephr front end, unchanged, on the product: examples/zephr-front-end/index.html calls only
// Zephr's Public API paths (/blaize/*, /zephr/public/*). The test serves that page from each
// site's own origin (Playwright answers its URL; every call it makes goes to the real server),
// after the reader's browser has opened the site once, as a reader arriving on it does (that
// visit links the browser to its sign-on). Sign in, status, meta, use_sso on another site, and
// the logout scopes — including JUST_HERE refused under Auto Login on the demo's news site.
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { hostUrl } from "./support/hosts";

const PAGE_PATH = "/zephr-front-end.html";

// Long scenarios (a dozen calls and several handshakes each) on a shared, loaded machine.
test.describe.configure({ timeout: 120_000 });
const html = readFileSync(new URL("../examples/zephr-front-end/index.html", import.meta.url), "utf8");

/** Opens the site once (its handshake), then the Zephr front end served from that site's origin. */
async function openZephrPage(page: Page, host: string): Promise<void> {
  await page.route(hostUrl(host, PAGE_PATH), (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }));
  await page.goto(hostUrl(host, "/"));
  await page.goto(hostUrl(host, PAGE_PATH));
  await expect(page.getByRole("heading", { name: "Zephr front end" })).toBeVisible();
}

async function press(page: Page, button: string): Promise<{ status: number; body: Record<string, unknown> }> {
  await page.getByTestId("answer").evaluate((element) => (element.textContent = ""));
  await page.getByRole("button", { name: button }).click();
  await expect(page.getByTestId("answer")).not.toBeEmpty();
  const status = Number((await page.getByRole("status").textContent())?.split(": ").pop());
  return { status, body: JSON.parse((await page.getByTestId("answer").textContent()) ?? "{}") as Record<string, unknown> };
}

async function statusOn(page: Page): Promise<Record<string, unknown>> {
  return (await press(page, "Get status")).body;
}

test("Opt In: sign in, status, meta, use_sso on another site and the logout scopes, through Zephr's paths only", async ({ page, makeOrg }) => {
  const org = await makeOrg("opt_in");
  const reader = await org.createReader();
  const [news, sport] = [org.site("news").host, org.site("sport").host];
  const calls: string[] = [];
  // What the Zephr page itself fetches (the site's own pages, opened in between, prefetch their links).
  page.on("request", (request) => {
    if (request.resourceType() === "fetch" && new URL(request.frame().url()).pathname === PAGE_PATH) calls.push(new URL(request.url()).pathname);
  });

  await openZephrPage(page, news);
  expect(await statusOn(page)).toEqual({ status: "unknown", meta: {} });
  await page.getByLabel("Email").fill(reader.email);
  await page.getByLabel("Password").fill("not-the-password");
  expect((await press(page, "Sign in")).status).toBe(401);
  await page.getByLabel("Password").fill(reader.password);
  const login = await press(page, "Sign in");
  expect(login.status).toBe(200);
  expect(login.body).toMatchObject({ message: "Login successful" });
  expect(await statusOn(page)).toEqual({ status: "authenticated", meta: {} });
  await page.getByLabel("Meta (JSON)").fill('{"theme":"dark","sections":["sport"]}');
  expect((await press(page, "Save meta")).status).toBe(200);
  expect(await statusOn(page)).toEqual({ status: "authenticated", meta: { theme: "dark", sections: ["sport"] } });

  // Another site of the organisation: known there, then use_sso with no identifiers.
  await openZephrPage(page, sport);
  expect(await statusOn(page)).toEqual({ status: "known", meta: { theme: "dark", sections: ["sport"] } });
  const useSso = await press(page, "Continue with my sign-in (use_sso)");
  expect(useSso.status).toBe(200);
  expect(await statusOn(page)).toMatchObject({ status: "authenticated" });
  // The site's own pages agree: one session, whichever API signed it in.
  await page.goto(hostUrl(sport, "/"));
  await expect(page.getByTestId("signed-in-as")).toBeVisible();

  // Zephr's default under Opt In is JUST_HERE: sport signs out, news stays signed in.
  await openZephrPage(page, sport);
  const logout = await press(page, "Sign out");
  expect(logout).toEqual({ status: 200, body: { message: "Session deleted" } });
  expect(await statusOn(page)).toMatchObject({ status: "known" });
  await openZephrPage(page, news);
  expect(await statusOn(page)).toMatchObject({ status: "authenticated" });
  // EVERYWHERE: news too, and the sign-on itself.
  await page.getByLabel("Where").selectOption("EVERYWHERE");
  expect((await press(page, "Sign out")).status).toBe(200);
  expect(await statusOn(page)).toEqual({ status: "unknown", meta: {} });
  await openZephrPage(page, sport);
  expect(await statusOn(page)).toEqual({ status: "unknown", meta: {} });

  // Only Zephr's paths were called from the page.
  expect(calls.length).toBeGreaterThan(10);
  expect(calls.filter((path) => !path.startsWith("/blaize/") && !path.startsWith("/zephr/public/"))).toEqual([]);
});

test("Auto Login on the demo's news site: JUST_HERE refused, the default THIS_DEVICE signs this browser out of sport too", async ({ page, makeDemoReader }) => {
  const reader = await makeDemoReader("acme");
  await openZephrPage(page, "news.localhost");
  await page.getByLabel("Email").fill(reader.email);
  await page.getByLabel("Password").fill(reader.password);
  expect((await press(page, "Sign in")).status).toBe(200);
  // Auto Login: sport signs this browser in on its first page.
  await page.goto(hostUrl("sport.localhost", "/"));
  await expect(page.getByTestId("signed-in-as")).toBeVisible();

  await openZephrPage(page, "news.localhost");
  await page.getByLabel("Where").selectOption("JUST_HERE");
  const refused = await press(page, "Sign out");
  expect(refused.status).toBe(400);
  expect(refused.body).toMatchObject({ error: { code: "invalid_scope" } });
  expect(await statusOn(page)).toMatchObject({ status: "authenticated" });

  await page.getByLabel("Where").selectOption("");
  expect((await press(page, "Sign out")).status).toBe(200);
  expect(await statusOn(page)).toMatchObject({ status: "unknown" });
  await page.goto(hostUrl("sport.localhost", "/"));
  await expect(page.getByTestId("signed-out")).toBeVisible();
});
