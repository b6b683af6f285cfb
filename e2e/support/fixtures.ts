// Fixtures of the Playwright suite. Each test makes its own data (organisations with unique
// hosts, readers with unique emails) instead of sharing mutable demo state; the scenarios that
// must run on the demo hosts (admin-driven modes) create their own readers there.
import { randomUUID } from "node:crypto";
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import type { SsoMode } from "@/lib/generated/prisma/enums.ts";
import { createTestOrg, type TestOrg } from "../../test/http/factory";
import { hostUrl, port } from "./hosts";

export type Reader = { email: string; password: string; displayName: string };

type Fixtures = {
  makeOrg: (mode: SsoMode) => Promise<TestOrg>;
  /** A new reader of a demo organisation (e.g. acme), with a unique email. */
  makeDemoReader: (orgSlug: string) => Promise<Reader>;
  /** A second, independent browser: another device. */
  otherDevice: BrowserContext;
};

export const test = base.extend<Fixtures>({
  makeOrg: async ({}, use) => {
    await use((mode) => createTestOrg({ mode, port }));
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
    const context = await browser.newContext();
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

/** Sign in with next-auth's endpoints from inside the page (same-origin fetches), no UI. */
export async function signInViaHttp(page: Page, host: string, reader: { email: string; password: string }): Promise<void> {
  await page.goto(hostUrl(host, "/"));
  const status = await page.evaluate(async ({ email, password }) => {
    const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const body = new URLSearchParams({ csrfToken, email, password, json: "true" });
    return (await fetch("/api/auth/callback/credentials", { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } })).status;
  }, reader);
  expect(status).toBe(200);
}

export async function ssoStatusInPage(page: Page): Promise<{ status: string; user: { email: string } | null }> {
  return page.evaluate(async () => (await fetch("/api/sso/status")).json());
}

export async function logoutInPage(page: Page, where?: string): Promise<{ status: number; body: { where?: string } }> {
  return page.evaluate(async (scope) => {
    const response = await fetch("/api/logout", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(scope ? { where: scope } : {}) });
    return { status: response.status, body: await response.json() };
  }, where);
}

/** Records top-level navigations to a host, to assert how many handshakes happened. */
export function recordNavigationsTo(page: Page, hostname: string): string[] {
  const seen: string[] = [];
  page.on("request", (request) => {
    if (request.isNavigationRequest() && new URL(request.url()).hostname === hostname) seen.push(request.url());
  });
  return seen;
}
