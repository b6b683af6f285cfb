// Bodies beyond the contract and odd input at the sign-in forms, against the real server: the
// proxy refuses a body over 8 KiB (the largest the contract accepts: next-auth's forms) with a
// 413 in the error shape before any route reads it, on every host; a chunked one gets the
// route's own 413; the admin sign-in survives an email of any length.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { TestBrowser } from "./browser";
import { createTestOrg } from "./factory";
import { ADMIN_HOST, createTestStaff, signInStaff } from "./admin-support";
import { expectErrorShape, rawRequest } from "./scenarios";

const MB = 1024 * 1024;

describe("request bodies beyond the contract", () => {
  it("a body over 8 KiB is refused with 413 payload_too_large in the error shape before any route reads it (site API, next-auth forms on a site and on the admin host)", async () => {
    const org = await createTestOrg({ mode: "opt_in", sites: ["news"] });
    const news = org.site("news").host;
    const cases = [
      { host: news, path: "/api/sso/status/meta", method: "PUT", type: "application/json", body: `{"a":"${"x".repeat(9000)}"}` },
      { host: news, path: "/api/auth/callback/credentials", method: "POST", type: "application/x-www-form-urlencoded", body: `email=a%40b.c&password=${"p".repeat(MB)}` },
      { host: ADMIN_HOST, path: "/api/auth/callback/credentials", method: "POST", type: "application/x-www-form-urlencoded", body: `email=${"e".repeat(MB)}` },
      { host: org.authHost, path: "/sso/exchange", method: "POST", type: "application/json", body: "x".repeat(8193) },
    ];
    for (const c of cases) {
      const response = await rawRequest({ host: c.host, path: c.path, method: c.method, headers: { "content-type": c.type, origin: `http://${c.host}` }, body: c.body });
      expect(response.status, `${c.method} ${c.host}${c.path}`).toBe(413);
      expectErrorShape(response, 413, "payload_too_large");
      expect(JSON.parse(response.body)).toEqual({ error: { code: "payload_too_large", message: "The body must be at most 8192 bytes." } });
    }
  });

  it("a body of exactly 8 KiB is not refused for its size", async () => {
    const org = await createTestOrg({ mode: "opt_in", sites: ["news"] });
    const body = `email=a%40b.c&password=${"p".repeat(8192 - "email=a%40b.c&password=".length)}`;
    const response = await rawRequest({ host: org.site("news").host, path: "/api/auth/callback/credentials", method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
    expect(response.status).not.toBe(413);
    expect(response.status).toBeLessThan(500);
  });

  it("a chunked body over the cap (no Content-Length) gets its route's 413, not a truncated parse", async () => {
    const org = await createTestOrg({ mode: "opt_in", sites: ["news"] });
    const response = await rawRequest({
      host: ADMIN_HOST,
      path: "/api/auth/callback/credentials",
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `email=${org.slug}%40example.com&password=${"p".repeat(MB)}`,
      chunked: true,
    });
    expectErrorShape(response, 413, "payload_too_large");
  });
});

describe("odd input at the admin sign-in", () => {
  it("an email of 300 characters at the admin sign-in is an ordinary failed sign-in (401), never a 500: the lockout key is a digest", async () => {
    const org = await createTestOrg({ mode: "opt_in", sites: ["news"] });
    await createTestStaff([{ orgId: org.id, role: "admin" }]);
    const email = `${"a".repeat(280)}-${randomUUID().slice(0, 6)}@example.com`;
    const response = await signInStaff(new TestBrowser(), email, "not-the-password");
    expect(response.status, response.body).toBe(401);
    expect(response.body).not.toMatch(/at |Error|stack/);
  });
});
