// Helpers of the automation tests (API tokens, webhooks, external sites in the console): a
// plain HTTP client as automation uses one — node:http, an explicit Host header, no cookie, no
// Origin, no fetch-metadata — and tokens created the way an owner creates them.
import http from "node:http";
import { randomInt } from "node:crypto";
import type { StaffRole } from "@/lib/admin/roles";
import { TestBrowser, appPort } from "./browser";
import { ADMIN_HOST, adminUrl, createTestStaff, signedInStaff } from "./admin-support";

export type PlainResponse = { status: number; headers: http.IncomingHttpHeaders; body: string; json: unknown };

export function randomIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

/** One request to the admin host as a script would send it. */
export function plainRequest(options: { method: string; path: string; token?: string; authorization?: string; body?: unknown; ip?: string; headers?: Record<string, string> }): Promise<PlainResponse> {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = {
    host: `${ADMIN_HOST}:${appPort()}`,
    "x-forwarded-for": options.ip ?? randomIp(),
    accept: "application/json",
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    ...(options.authorization ? { authorization: options.authorization } : {}),
    ...(body === undefined ? {} : { "content-type": "application/json" }),
    ...options.headers,
  };
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port: appPort(), path: options.path, method: options.method, headers, setHost: false }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => {
        let json: unknown = null;
        try {
          json = JSON.parse(text);
        } catch {
          json = null;
        }
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text, json });
      });
    });
    request.on("error", reject);
    request.end(body);
  });
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
