// The admin console as staff use it on a phone and a laptop, in real Chromium: every page fits a
// 390 px screen, the audit log shows every column at 1280 px, readers are listed without a
// search, leaving unsaved settings and switching the mode ask first, the Saved message is in
// view, deep links survive sign-in with their query (and hostile ones do not leave the console),
// the skip link is the first tab stop, and the console's own 404 and error pages.
// Each test makes its own organisation and staff member (nothing shared with the demo's acme).
import { randomBytes, randomUUID } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { createTestStaff, type TestStaff } from "../test/http/admin-support";
import type { TestOrg } from "../test/http/factory";
import { openAdminConsole, signInOnConsolePage } from "./support/admin";
import { clientAddress, expect, test } from "./support/fixtures";
import { hostUrl } from "./support/hosts";

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 900 };

const admin = (path: string) => hostUrl("admin.localhost", path);

async function orgWithAdmin(makeOrg: (mode: "auto_login") => Promise<TestOrg>): Promise<{ org: TestOrg; staff: TestStaff }> {
  const org = await makeOrg("auto_login");
  const staff = await createTestStaff([{ orgId: org.id, role: "admin" }], { name: "Console Tester" });
  return { org, staff };
}

/** Audit rows with the longest values the table shows: a long staff email, reader email and an IPv6 address. */
async function seedLongAuditRows(org: TestOrg, staff: TestStaff): Promise<{ readerId: string; readerEmail: string }> {
  const tag = randomUUID().slice(0, 8);
  const readerEmail = `a.very.long.reader.address.${tag}@subscribers.example-publisher.co.uk`;
  const reader = await db.reader.create({ data: { orgId: org.id, email: readerEmail, displayName: "Long Address Reader", passwordHash: await hashPassword(`pw-${tag}-long-enough`) } });
  await db.staff.update({ where: { id: staff.id }, data: { email: `console.tester.with.a.long.address.${tag}@staff.example-publisher.co.uk` } });
  const shortReader = await db.reader.create({ data: { orgId: org.id, email: `r${tag.slice(0, 7)}@ex.com`, passwordHash: "not-a-hash" } });
  const news = org.site("news");
  await db.auditEvent.createMany({
    data: [
      { orgId: org.id, type: "sso.site_participation_changed", actorStaffId: staff.id, siteId: news.id, ip: "2001:db8:85a3:1234:5678:8a2e:370:7334", data: { site: "news", field: "ssoEnabled", old: true, new: false } },
      { orgId: org.id, type: "admin.session_revoked", actorStaffId: staff.id, readerId: reader.id, ip: "2001:db8:85a3:1234:5678:8a2e:370:7335", data: { scope: "reader", revokedSessions: 3, revokedTokens: 2 } },
      { orgId: org.id, type: "sso.ott_replayed", siteId: news.id, readerId: reader.id, ip: "203.0.113.254", data: { reason: "replayed" } },
      // What the demo's log is full of: a short reader email and a long detail without spaces to spare.
      { orgId: org.id, type: "sso.state_mismatch", siteId: news.id, readerId: shortReader.id, ip: "::1", data: { reason: "state_mismatch", channel: "callback", crossOrganisation: false } },
    ],
  });
  // The staff member's email changed: sign-in below uses the new one.
  staff.email = (await db.staff.findUniqueOrThrow({ where: { id: staff.id } })).email;
  return { readerId: reader.id, readerEmail };
}

/** A reader with one signed-in site session from a known browser, for the reader page. */
async function seedReaderWithSession(org: TestOrg): Promise<string> {
  const tag = randomUUID().slice(0, 8);
  const reader = await db.reader.create({ data: { orgId: org.id, email: `reader-${tag}@example.com`, displayName: `Reader ${tag}`, passwordHash: await hashPassword(`pw-${tag}-long-enough`) } });
  const token = await db.ssoToken.create({ data: { orgId: org.id, readerId: reader.id, secretHash: new Uint8Array(randomBytes(32)), expiresAt: new Date(Date.now() + 86_400_000) } });
  await db.siteSession.create({
    data: {
      orgId: org.id, siteId: org.site("news").id, readerId: reader.id, ssoTokenId: token.id, secretHash: new Uint8Array(randomBytes(32)),
      signedInAt: new Date(), authMethod: "password", expiresAt: new Date(Date.now() + 86_400_000),
      userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36",
    },
  });
  return reader.id;
}

/** The delivery log's widest rows: a dead letter with a long error, and a sent message to a long address. */
async function seedMailLog(org: TestOrg): Promise<void> {
  const tag = randomUUID().slice(0, 8);
  await db.outboxMail.createMany({
    data: [
      { orgId: org.id, siteId: org.site("news").id, kind: "reader.password_reset", toAddress: `a.very.long.reader.address.${tag}@subscribers.example-publisher.co.uk`, fromAddress: "News <news@example.com>", subject: "Reset", state: "sent", attempts: 1, sentAt: new Date() },
      { orgId: org.id, siteId: org.site("news").id, kind: "reader.verify_email", toAddress: `gone-${tag}@reject.invalid`, fromAddress: "News <news@example.com>", subject: "Confirm", state: "dead", attempts: 1, lastError: "550 5.1.1 Mailbox unavailable: recipients at reject.invalid are refused by the catcher" },
    ],
  });
}

async function consolePages(org: TestOrg, readerId: string): Promise<Record<string, string>> {
  return {
    Settings: `/orgs/${org.slug}/identity/settings`,
    Mail: `/orgs/${org.slug}/identity/mail`,
    Sites: `/orgs/${org.slug}/sites`,
    Readers: `/orgs/${org.slug}/readers`,
    "a reader": `/orgs/${org.slug}/readers/${readerId}`,
    Audit: `/orgs/${org.slug}/audit`,
    Activity: `/orgs/${org.slug}/activity`,
    "the 404": `/orgs/${org.slug}/no-such-page`,
    "API reference": "/api-docs",
  };
}

async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

test("every console page fits a 390 px screen: no page-level horizontal scroll, wide tables scroll in a focusable, named region", async ({ browser, makeOrg }) => {
  const { org, staff } = await orgWithAdmin(makeOrg);
  const { readerId } = await seedLongAuditRows(org, staff);
  await seedReaderWithSession(org);
  await seedMailLog(org);
  const page = await openAdminConsole(browser, staff, PHONE);
  for (const [name, path] of Object.entries(await consolePages(org, readerId))) {
    await page.goto(admin(path));
    await expect(page.getByRole("heading", { level: 1 }), name).toBeVisible();
    expect(await pageWidth(page), `${name} is wider than the screen`).toBeLessThanOrEqual(PHONE.width);
    // Whatever scrolls sideways inside the page can be reached and is named.
    const scrollers = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>("main *")]
        .filter((el) => el.scrollWidth > el.clientWidth + 1 && ["auto", "scroll"].includes(getComputedStyle(el).overflowX))
        .map((el) => ({ tabIndex: el.tabIndex, name: el.getAttribute("aria-label") ?? "" })),
    );
    for (const scroller of scrollers) expect(scroller, name).toEqual({ tabIndex: 0, name: expect.stringMatching(/\S/) });
  }
  // Signed out: the sign-in page and the plain 404.
  const anonymous = await browser.newPage({ viewport: PHONE });
  for (const path of ["/", "/no-such-page"]) {
    await anonymous.goto(admin(path));
    expect(await pageWidth(anonymous), path).toBeLessThanOrEqual(PHONE.width);
  }
  await anonymous.close();
  await page.context().close();
});

test("the audit log shows every column, long emails and IPv6 addresses included, at 1280 px without scrolling", async ({ browser, makeOrg }) => {
  const { org, staff } = await orgWithAdmin(makeOrg);
  const { readerEmail } = await seedLongAuditRows(org, staff);
  const page = await openAdminConsole(browser, staff, LAPTOP);
  await page.goto(admin(`/orgs/${org.slug}/audit`));
  const region = page.getByRole("region", { name: "Audit events" });
  // The header, the four seeded rows, and the staff member's own sign-in (staff.signin).
  await expect(region.getByRole("row")).toHaveCount(6);
  expect(await region.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  expect(await pageWidth(page)).toBeLessThanOrEqual(LAPTOP.width);
  const frame = await region.boundingBox();
  if (!frame) throw new Error("no audit table");
  for (const header of ["When", "Event", "Who", "Change or detail", "Site", "Reader", "IP"]) {
    const box = await region.getByRole("columnheader", { name: header, exact: true }).boundingBox();
    expect(box && box.x >= frame.x && box.x + box.width <= frame.x + frame.width + 0.5, header).toBe(true);
  }
  // The values that used to be cut off are whole and inside the frame.
  for (const text of [staff.email, readerEmail, "2001:db8:85a3:1234:5678:8a2e:370:7334"]) {
    const cell = region.getByRole("cell").filter({ hasText: text }).first();
    await expect(cell).toBeVisible();
    const box = await cell.boundingBox();
    expect(box && box.x + box.width <= frame.x + frame.width + 0.5, text).toBe(true);
  }
  await page.context().close();
});

test("the Readers page lists the newest readers without a search, 25 a page with older/newer links, and the search still finds one", async ({ browser, makeOrg }) => {
  const { org, staff } = await orgWithAdmin(makeOrg);
  const passwordHash = await hashPassword("pw-not-used-here-1");
  const base = Date.now() - 60 * 60_000;
  const emails = Array.from({ length: 30 }, (_, i) => `listed-${String(i).padStart(2, "0")}-${randomUUID().slice(0, 6)}@example.com`);
  // Registered a minute apart, listed-29 the newest.
  await db.reader.createMany({ data: emails.map((email, i) => ({ orgId: org.id, email, passwordHash, createdAt: new Date(base + i * 60_000) })) });
  const newestFirst = [...emails].reverse();
  const page = await openAdminConsole(browser, staff, LAPTOP);
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Readers" }).click();
  const rows = page.getByRole("region", { name: "Readers, newest registration first" }).getByRole("rowheader");
  await expect(rows).toHaveText(newestFirst.slice(0, 25));
  const pages = page.getByRole("navigation", { name: "Reader pages" });
  await pages.getByRole("link", { name: "Older →" }).click();
  await expect(rows).toHaveText(newestFirst.slice(25));
  await expect(pages.getByRole("link", { name: "Older →" })).toHaveCount(0);
  await pages.getByRole("link", { name: "← Newer" }).click();
  await expect(rows).toHaveText(newestFirst.slice(0, 25));
  await expect(pages.getByRole("link", { name: "← Newer" })).toHaveCount(0);

  await page.getByRole("searchbox", { name: "Email address (or its beginning)" }).fill(emails[7] ?? "");
  await page.getByRole("button", { name: "Find" }).click();
  await expect(page.getByRole("rowheader")).toHaveText([emails[7] ?? ""]);
  await page.context().close();
});

test("a reader's sessions name the browser as the reader's own page does, with the raw user agent one click away", async ({ browser, makeOrg }) => {
  const { org, staff } = await orgWithAdmin(makeOrg);
  const readerId = await seedReaderWithSession(org);
  const page = await openAdminConsole(browser, staff, LAPTOP);
  await page.goto(admin(`/orgs/${org.slug}/readers/${readerId}`));
  const sessions = page.getByRole("region", { name: "Site sessions" });
  const browserCell = sessions.getByRole("group").filter({ hasText: "Chrome on Linux" });
  await expect(browserCell.locator("summary")).toHaveText("Chrome on Linux");
  await expect(browserCell.locator("summary")).toHaveAttribute("title", /Chrome\/142\.0\.0\.0 Safari\/537\.36$/);
  await browserCell.locator("summary").click();
  await expect(browserCell.getByText("Mozilla/5.0 (X11; Linux x86_64)", { exact: false })).toBeVisible();
  await page.context().close();
});

test("leaving Settings with unsaved changes asks first, in the console and when the tab closes; nothing changed, nothing asked", async ({ browser, makeOrg }) => {
  const { org, staff } = await orgWithAdmin(makeOrg);
  const page = await openAdminConsole(browser, staff, LAPTOP);
  const nav = page.getByRole("navigation", { name: "Console" });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Identity › Settings");

  // Nothing changed: the link just goes.
  const unexpected: string[] = [];
  const record = (dialog: { message(): string; dismiss(): Promise<void> }) => {
    unexpected.push(dialog.message());
    void dialog.dismiss();
  };
  page.on("dialog", record);
  await nav.getByRole("link", { name: "Sites", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sites");
  page.off("dialog", record);
  expect(unexpected).toEqual([]);
  await nav.getByRole("link", { name: "Settings" }).click();

  const ott = page.getByLabel("One-time token lifetime (seconds)");
  await ott.fill("90");
  // Stay: the page, and what was typed, remain.
  const stay = page.waitForEvent("dialog");
  const click = nav.getByRole("link", { name: "Audit log" }).click();
  const asked = await stay;
  expect(asked.type()).toBe("confirm");
  expect(asked.message()).toBe("Leave this page? Your changes are not saved.");
  await asked.dismiss();
  await click;
  await expect(page).toHaveURL(admin(`/orgs/${org.slug}/identity/settings`));
  await expect(ott).toHaveValue("90");

  // Closing the tab (or reloading, or typing an address): the browser's own prompt.
  const unload = page.waitForEvent("dialog");
  await page.close({ runBeforeUnload: true });
  const beforeUnload = await unload;
  expect(beforeUnload.type()).toBe("beforeunload");
  await beforeUnload.dismiss();
  expect(page.isClosed()).toBe(false);

  // Leave after all: the link goes, nothing was saved.
  page.once("dialog", (dialog) => void dialog.accept());
  await nav.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit log");
  expect((await db.organization.findUniqueOrThrow({ where: { id: org.id } })).ottTtlSeconds).not.toBe(90);
  await page.context().close();
});

test("switching the organisation's mode asks first, naming the effect on every reader; Cancel changes nothing; Saved shows beside the button", async ({ browser, makeOrg }) => {
  const { org, staff } = await orgWithAdmin(makeOrg);
  const orgName = (await db.organization.findUniqueOrThrow({ where: { id: org.id } })).name;
  const page = await openAdminConsole(browser, staff, LAPTOP);
  const save = page.getByRole("button", { name: "Save", exact: true });
  const status = page.getByRole("form", { name: "Single Sign-On (SSO)" }).getByRole("status");

  await page.getByRole("radio", { name: /^Opt In/ }).check();
  await save.click();
  const dialog = page.getByRole("dialog", { name: `Switch every reader of ${orgName} to Opt In?` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("offered “Continue as …”");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(status).toHaveText("");
  expect((await db.organization.findUniqueOrThrow({ where: { id: org.id } })).ssoMode).toBe("auto_login");

  // Escape is Cancel too.
  await save.click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  expect((await db.organization.findUniqueOrThrow({ where: { id: org.id } })).ssoMode).toBe("auto_login");

  await save.click();
  await dialog.getByRole("button", { name: "Switch to Opt In" }).click();
  await expect(status).toHaveText("Saved. Opt In is in force from every reader's next request (it was Auto Login).");
  expect((await db.organization.findUniqueOrThrow({ where: { id: org.id } })).ssoMode).toBe("opt_in");
  // Where the admin looks: in the viewport (1280 × 900), right beside the Save button.
  const [statusBox, saveBox] = [await status.boundingBox(), await save.boundingBox()];
  expect(statusBox && statusBox.y >= 0 && statusBox.y + statusBox.height <= LAPTOP.height).toBe(true);
  expect(statusBox && saveBox && Math.abs(statusBox.y - saveBox.y) < 40).toBe(true);

  // A change that is not the mode saves without asking.
  await page.getByLabel("One-time token lifetime (seconds)").fill("45");
  await save.click();
  await expect(status).toHaveText("Saved. The new settings are in force from every reader's next request.");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await page.context().close();
});

async function signInFrom(browser: Browser, path: string, staff: TestStaff): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: clientAddress() });
  const page = await context.newPage();
  await page.goto(admin(path));
  await expect(page.getByRole("heading", { name: "Staff sign-in" })).toBeVisible();
  await signInOnConsolePage(page, staff);
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Staff sign-in", { timeout: 20_000 });
  return page;
}

test("a deep link survives sign-in with its query string; hostile return paths never leave the console", async ({ browser, makeOrg }) => {
  // Ten real sign-ins (argon2 each): more than the default budget on a loaded 2-core machine.
  test.setTimeout(120_000);
  const { org, staff } = await orgWithAdmin(makeOrg);
  const deepLink = `/orgs/${org.slug}/audit?type=security&from=2026-01-01&to=2026-12-31`;
  const page = await signInFrom(browser, deepLink, staff);
  await expect(page).toHaveURL(admin(deepLink));
  await expect(page.getByLabel("Event type")).toHaveValue("security");
  await expect(page.getByLabel("From (UTC)")).toHaveValue("2026-01-01");
  await page.context().close();

  const settings = admin(`/orgs/${org.slug}/identity/settings`);
  const hostile = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    `/orgs/${org.slug}/../../evil`,
    `/orgs/${org.slug}//evil.example`,
    `/orgs/${org.slug}/audit?type=x#@evil.example`,
    `/orgs/${org.slug}/audit?type=x\r\nLocation:%20https://evil.example`,
    "javascript:alert(document.domain)",
  ];
  for (const next of hostile) {
    const attacked = await signInFrom(browser, `/?next=${encodeURIComponent(next)}`, staff);
    await expect(attacked, next).toHaveURL(settings);
    await attacked.context().close();
  }
  // An encoded URL in the query is only a value of the console page it belongs to.
  const encoded = `/orgs/${org.slug}/readers?q=${encodeURIComponent("https://evil.example/")}`;
  const kept = await signInFrom(browser, `/?next=${encodeURIComponent(encoded)}`, staff);
  await expect(kept).toHaveURL(admin(encoded));
  await kept.context().close();
});

test("the first tab stop of every console page is the skip link, and it takes focus to the main content", async ({ browser, makeOrg }) => {
  const { org, staff } = await orgWithAdmin(makeOrg);
  const readerId = await seedReaderWithSession(org);
  const page = await openAdminConsole(browser, staff, LAPTOP);
  for (const [name, path] of Object.entries(await consolePages(org, readerId))) {
    if (name === "API reference") continue;
    await page.goto(admin(path));
    await page.keyboard.press("Tab");
    await expect(page.locator(":focus"), name).toHaveText("Skip to main content");
    await expect(page.locator(":focus"), name).toBeVisible();
    await page.keyboard.press("Enter");
    await expect(page.locator(":focus"), name).toHaveAttribute("id", "main");
    // The next stop is inside the page (or none, on a page without controls), never the header's Sign out.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.closest("header") === null), name).toBe(true);
  }
  // From the top, the second stop is the console's home, not Sign out.
  await page.goto(admin(`/orgs/${org.slug}/audit`));
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(page.locator(":focus")).toHaveText("multisite-sso · Admin console");
  await page.context().close();
});

test("the console's 404: status 404, its own title (also after in-app navigation), the console's navigation; a foreign organisation's is the same page", async ({ browser, makeOrg }) => {
  const { org, staff } = await orgWithAdmin(makeOrg);
  const foreign = await makeOrg("auto_login");
  const page = await openAdminConsole(browser, staff, LAPTOP);
  const nav = page.getByRole("navigation", { name: "Console" });

  const own = await page.goto(admin(`/orgs/${org.slug}/no-such-page`));
  expect(own?.status()).toBe(404);
  await expect(page).toHaveTitle("Page not found · multisite-sso admin");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(nav.getByRole("link", { name: "Audit log" })).toHaveAttribute("href", `/orgs/${org.slug}/audit`);

  const snapshot = async (path: string) => {
    const response = await page.goto(admin(path));
    return { status: response?.status(), title: await page.title(), html: (await page.locator(".admin-app").innerHTML()).replace(/nonce="[^"]*"/g, "") };
  };
  const notMember = await snapshot(`/orgs/${foreign.slug}/audit`);
  const missing = await snapshot(`/orgs/no-such-org-${randomUUID().slice(0, 8)}/audit`);
  expect(notMember.status).toBe(404);
  expect(notMember).toEqual(missing);
  expect(notMember.html).not.toContain(foreign.slug);

  // In-app navigation to a missing page: the title is the 404's, not the previous page's.
  await page.goto(admin(`/orgs/${org.slug}/sites`));
  await expect(page).toHaveTitle("Sites · multisite-sso admin");
  await page.evaluate((path) => (window as unknown as { next: { router: { push(p: string): void } } }).next.router.push(path), `/orgs/${org.slug}/gone`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(page).toHaveTitle("Page not found · multisite-sso admin");

  // Signed out: the plain console page, with a way to sign in.
  const anonymous = await browser.newPage();
  const plain = await anonymous.goto(admin("/no-such-page"));
  expect(plain?.status()).toBe(404);
  await expect(anonymous).toHaveTitle("Page not found · multisite-sso admin");
  await expect(anonymous.getByRole("link", { name: "Sign in to the console" })).toHaveAttribute("href", "/");
  await expect(anonymous.getByRole("navigation", { name: "Console" })).toHaveCount(0);
  await anonymous.close();
  await page.context().close();
});

test("a console page that fails on the server answers 500 with the console's error page: navigation, a reference, Try again", async ({ browser, makeOrg }) => {
  const { org, staff } = await orgWithAdmin(makeOrg);
  const page = await openAdminConsole(browser, staff, LAPTOP);
  // A real failure of the page's query: its table is briefly missing (only this test runs now).
  await db.$executeRawUnsafe('ALTER TABLE "audit_events" RENAME TO "audit_events_e2e_hidden"');
  try {
    const response = await page.goto(admin(`/orgs/${org.slug}/audit`));
    expect(response?.status()).toBe(500);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Something went wrong");
    await expect(page).toHaveTitle("Something went wrong · multisite-sso admin");
    await expect(page.getByText("Reference for support:")).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Sites", exact: true })).toHaveAttribute("href", `/orgs/${org.slug}/sites`);
  } finally {
    await db.$executeRawUnsafe('ALTER TABLE "audit_events_e2e_hidden" RENAME TO "audit_events"');
  }
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit log");
  await page.context().close();
});
