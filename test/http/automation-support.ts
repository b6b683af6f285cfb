// Helpers of the automation tests (API tokens, webhooks, external sites in the console): a
// plain HTTP client as automation uses one — node:http, an explicit Host header, no cookie, no
// Origin, no fetch-metadata — and tokens created the way an owner creates them.
import { randomInt } from "node:crypto";
import type { StaffRole } from "@/lib/admin/roles";
import { parseJsonOrNull, TestBrowser } from "./browser";
import { rawRequest, type RawResponse } from "./scenarios";
import { ADMIN_HOST, adminUrl, createTestStaff, signedInStaff } from "./admin-support";

export type PlainResponse = RawResponse & { json: unknown };

export function randomIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

/** One request to the admin host as a script sends it (scenarios.ts rawRequest: node:http, Host header, nothing a browser adds). */
export async function plainRequest(options: { method: string; path: string; token?: string; authorization?: string; body?: unknown; ip?: string; headers?: Record<string, string> }): Promise<PlainResponse> {
  const response = await rawRequest({
    host: ADMIN_HOST,
    path: options.path,
    method: options.method,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    headers: {
      "x-forwarded-for": options.ip ?? randomIp(),
      accept: "application/json",
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.authorization ? { authorization: options.authorization } : {}),
      ...(options.body === undefined ? {} : { "content-type": "application/json" }),
      ...options.headers,
    },
  });
  return { ...response, json: parseJsonOrNull(response.body) };
}

export async function ownerBrowser(org: { id: string }, role: StaffRole = "owner") {
  const staff = await createTestStaff([{ orgId: org.id, role }]);
  const browser = new TestBrowser();
  await signedInStaff(browser, staff);
  return { staff, browser };
}

export type CreatedToken = { secret: string; token: { id: string; name: string; role: string; displayPrefix: string } };

/** An API token created through the console's API by a signed-in owner. */
export async function createToken(browser: TestBrowser, orgSlug: string, role: StaffRole, expiresInDays: number | null = 30): Promise<CreatedToken> {
  const response = await browser.json<CreatedToken>(adminUrl(`/api/orgs/${orgSlug}/api-tokens`), { method: "POST", body: { name: `${role} automation`, role, expiresInDays } });
  if (response.status !== 201) throw new Error(`token creation answered ${response.status}: ${response.body}`);
  return response.json;
}
