// Admin console helpers for the HTTP-level tests: staff with memberships created per test
// (unique emails, no shared state), next-auth staff sign-in as a browser performs it, and
// URLs on the admin host.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import type { StaffRole } from "@/lib/generated/prisma/enums.ts";
import { appPort, type TestBrowser } from "./browser";

export const ADMIN_HOST = "admin.localhost";
export const STAFF_PASSWORD = "staff-password-for-tests";

let passwordHash: Promise<string> | null = null;

export function adminUrl(path = "/"): string {
  return `http://${ADMIN_HOST}:${appPort()}${path}`;
}

export type TestStaff = { id: string; email: string; password: string; name: string };

export async function createTestStaff(memberships: { orgId: string; role: StaffRole }[], options: { name?: string } = {}): Promise<TestStaff> {
  const tag = randomUUID().slice(0, 8);
  const email = `staff-${tag}@example.test`;
  const name = options.name ?? `Staff ${tag}`;
  passwordHash ??= hashPassword(STAFF_PASSWORD);
  const staff = await db.staff.create({
    data: { email, name, passwordHash: await passwordHash, memberships: { create: memberships.map((m) => ({ orgId: m.orgId, role: m.role })) } },
  });
  return { id: staff.id, email, password: STAFF_PASSWORD, name };
}

/** next-auth's Credentials sign-in on the admin host: the CSRF token, then the form (json=true). */
export async function signInStaff(browser: TestBrowser, email: string, password: string) {
  const csrf = await browser.json<{ csrfToken: string }>(adminUrl("/api/auth/csrf"));
  const form = new URLSearchParams({ csrfToken: csrf.json.csrfToken, email, password, json: "true" });
  const response = await browser.request(adminUrl("/api/auth/callback/credentials"), {
    method: "POST",
    body: form.toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
    sameOrigin: true,
  });
  return { ...response, json: JSON.parse(response.body || "null") as unknown };
}

/** Signs in and fails the test loudly if that did not work. */
export async function signedInStaff(browser: TestBrowser, staff: TestStaff): Promise<void> {
  const response = await signInStaff(browser, staff.email, staff.password);
  if (response.status !== 200) throw new Error(`staff sign-in answered ${response.status}: ${response.body}`);
}
