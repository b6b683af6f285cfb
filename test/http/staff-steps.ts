// Steps of the staff-management and two-factor tests: an authenticator app (otpauth, computing
// codes like a phone), enrolling a test staff member directly, and the console's staff API.
import { Secret, TOTP } from "otpauth";
import { db } from "@/lib/db/client";
import { generateTotpSecret, sealTotpSecret } from "@/lib/staff/totp";
import { adminUrl, type TestStaff } from "./admin-support";
import type { TestBrowser } from "./browser";

export const CROSS_SITE = { origin: "http://evil.example", "sec-fetch-site": "cross-site" };

/** The code an authenticator app shows for `secret` at `timestamp` (default: now, or a step away). */
export function totpCode(secret: string, options: { stepOffset?: number } = {}): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30, timestamp: Date.now() + (options.stepOffset ?? 0) * 30_000 });
}

/** Gives a staff member an authenticator in force, as confirming enrolment would; returns its secret. */
export async function enrolTestStaff(staff: TestStaff): Promise<string> {
  const secret = generateTotpSecret();
  await db.$executeRaw`UPDATE staff SET totp_secret_sealed = ${sealTotpSecret(secret)}, totp_enabled_at = now(), totp_last_step = NULL WHERE id = ${staff.id}::uuid`;
  return secret;
}

export function verifyCode(browser: TestBrowser, code: string, headers?: Record<string, string>) {
  return browser.json<{ verified?: boolean; error?: { code: string } }>(adminUrl("/api/staff/two-factor/verify"), { method: "POST", body: { code }, ...(headers ? { headers } : {}) });
}

export function invite(browser: TestBrowser, orgSlug: string, email: string, role: "owner" | "admin" | "viewer", headers?: Record<string, string>) {
  return browser.json<{ error?: { code: string } }>(adminUrl(`/api/orgs/${orgSlug}/invitations`), { method: "POST", body: { email, role }, ...(headers ? { headers } : {}) });
}

export function changeRole(browser: TestBrowser, orgSlug: string, staffId: string, role: "owner" | "admin" | "viewer", headers?: Record<string, string>) {
  return browser.json<{ role?: string; error?: { code: string } }>(adminUrl(`/api/orgs/${orgSlug}/staff/${staffId}`), { method: "PATCH", body: { role }, ...(headers ? { headers } : {}) });
}

export function removeMember(browser: TestBrowser, orgSlug: string, staffId: string) {
  return browser.json<{ error?: { code: string } }>(adminUrl(`/api/orgs/${orgSlug}/staff/${staffId}`), { method: "DELETE" });
}

export function acceptInvitation(browser: TestBrowser, body: { token: string; password: string; name?: string }) {
  return browser.json<{ joined?: boolean; newAccount?: boolean; error?: { code: string } }>(adminUrl("/api/staff/invitations/accept"), { method: "POST", body });
}

export async function roleOf(staffId: string, orgId: string): Promise<string | null> {
  const row = await db.staffMembership.findUnique({ where: { staffId_orgId: { staffId, orgId } }, select: { role: true } });
  return row?.role ?? null;
}
