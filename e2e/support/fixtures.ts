// Fixtures of the Playwright suite. Each test makes its own data (organisations with unique
// hosts, readers with unique emails) instead of sharing mutable demo state; the scenarios that
// must run on the demo hosts (admin-driven modes) create their own readers there.
import { randomUUID } from "node:crypto";
import type { BrowserContext, Page } from "@playwright/test";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import type { SsoMode } from "@/lib/generated/prisma/enums.ts";
import { createTestOrg, type TestOrg } from "../../test/http/factory";
import { hostUrl, port, scheme } from "./hosts";
import { logoutFromPage, signInFromPage } from "./reader";
import { test as base, expect } from "./base-test";

export type Reader = { email: string; password: string; displayName: string };

/**
 * Where the organisations that makeOrg creates let readers sign in: "site" (each site's own
 * pages) or "hosted" (the auth domain's pages, issue 17). A Playwright option: the project
 * chromium-hosted-sign-in (playwright.config.ts) runs the sign-in-bearing specs again with it.
 */
export type SignInPlace = "site" | "hosted";

type Fixtures = {
  signInPlace: SignInPlace;
  makeOrg: (mode: SsoMode) => Promise<TestOrg>;
  /** A new reader of a demo organisation (e.g. acme), with a unique email. */
  makeDemoReader: (orgSlug: string) => Promise<Reader>;
  /** A second, independent browser: another device. */
  otherDevice: BrowserContext;
};

/**
 * Each browser context is its own client: a distinct address in X-Forwarded-For (what the load
 * balancer in front of the app would add), so per-IP rate limits of one test never spill into
 * another, however often the suite runs against one database.
 */
export function clientAddress(): Record<string, string> {
  const byte = () => Math.floor(Math.random() * 254) + 1;
  return { "x-forwarded-for": `10.${byte()}.${byte()}.${byte()}` };
}

export const test = base.extend<Fixtures>({
  context: async ({ context }, use) => {
    await context.setExtraHTTPHeaders(clientAddress());
    await use(context);
  },
  signInPlace: ["site", { option: true }],
  makeOrg: async ({ signInPlace }, use) => {
    await use(async (mode) => {
      const org = await createTestOrg({ mode, port, scheme });
      if (signInPlace === "hosted") await db.organization.update({ where: { id: org.id }, data: { hostedSignIn: true } });
      return org;
    });
  },
  makeDemoReader: async ({}, use) => {
    await use(async (orgSlug) => {
      const org = await db.organization.findUniqueOrThrow({ where: { slug: orgSlug } });
      const tag = randomUUID().slice(0, 8);
      const reader = { email: `e2e-${tag}@example.com`, password: `pw-${tag}-long-enough`, displayName: `Reader ${tag}` };
      await db.reader.create({ data: { orgId: org.id, email: reader.email, displayName: reader.displayName, passwordHash: await hashPassword(reader.password) } });
      return reader;
    });
  },
  otherDevice: async ({ browser }, use) => {
    const context = await browser.newContext({ extraHTTPHeaders: clientAddress() });
    await use(context);
    await context.close();
  },
});

export { expect };

/** Sign in through the site's own form, as a reader does. */
export async function signInViaUi(page: Page, host: string, reader: { email: string; password: string }): Promise<void> {
  await page.goto(hostUrl(host, "/signin"));
  await page.getByLabel("Email").fill(reader.email);
  await page.getByLabel("Password").fill(reader.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

export async function ssoStatusInPage(page: Page): Promise<{ status: string; user: { email: string } | null }> {
  return page.evaluate(async () => (await fetch("/api/sso/status")).json());
}

export const logoutInPage = logoutFromPage;

/** Records top-level navigations to a host, to assert how many handshakes happened. */
export function recordNavigationsTo(page: Page, hostname: string): string[] {
  const seen: string[] = [];
  page.on("request", (request) => {
    if (request.isNavigationRequest() && new URL(request.url()).hostname === hostname) seen.push(request.url());
  });
  return seen;
}
