// API tokens against the real server (README, "API tokens"): automation changes the SSO mode
// with a plain HTTP client and a bearer token, through the same authorisation and audit as a
// signed-in staff member; every way a token can be wrong is a 401 in the error envelope.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { hashSecret } from "@/lib/security/secrets";
import { createTestOrg, type TestOrg } from "./factory";
import { adminUrl } from "./admin-support";
import { createToken, ownerBrowser, plainRequest, randomIp } from "./automation-support";

const errorShape = (code: string) => ({ error: { code, message: expect.any(String) } });

async function modeOf(org: TestOrg): Promise<string> {
  return (await db.organization.findUniqueOrThrow({ where: { id: org.id } })).ssoMode;
}

const putMode = (org: TestOrg, token: string, mode: string, extra: Partial<Parameters<typeof plainRequest>[0]> = {}) =>
  plainRequest({ method: "PUT", path: `/api/orgs/${org.slug}/sso`, token, body: { mode }, ...extra });

describe("a bearer token is the admin API's other credential", () => {
  it("an admin token changes the SSO mode with a plain HTTP client (no cookie, no Origin), audited with the token as the actor", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser, staff } = await ownerBrowser(org);
    const { secret, token } = await createToken(browser, org.slug, "admin");
    expect(secret).toMatch(/^mss_pat_[A-Za-z0-9_-]{43}$/);
    expect(token.displayPrefix).toBe(secret.slice(0, 12));

    const response = await putMode(org, secret, "opt_in");
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ mode: "opt_in" });
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(await modeOf(org)).toBe("opt_in");

    const audit = await db.auditEvent.findFirstOrThrow({ where: { orgId: org.id, type: "sso.mode_changed" } });
    expect(audit.actorApiTokenId).toBe(token.id);
    expect(audit.actorStaffId).toBeNull();
    expect(audit.actorStaffId).not.toBe(staff.id);
    // Reading works too, and the token's last use is recorded.
    expect((await plainRequest({ method: "GET", path: `/api/orgs/${org.slug}/sso`, token: secret })).status).toBe(200);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt).not.toBeNull();
  });

  it("a viewer's token reads but is refused a mode change with 403 (the same role rule as staff)", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser } = await ownerBrowser(org);
    const { secret } = await createToken(browser, org.slug, "viewer");
    expect((await plainRequest({ method: "GET", path: `/api/orgs/${org.slug}/sso`, token: secret })).status).toBe(200);
    const response = await putMode(org, secret, "disabled");
    expect(response.status).toBe(403);
    expect(response.json).toEqual(errorShape("forbidden"));
    expect(await modeOf(org)).toBe("auto_login");
  });

  it("a token is scoped to its organisation: another organisation answers 404 as if it did not exist", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const other = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser } = await ownerBrowser(org);
    const { secret } = await createToken(browser, org.slug, "owner");
    const response = await putMode(other, secret, "disabled");
    expect(response.status).toBe(404);
    expect(response.json).toEqual(errorShape("not_found"));
    expect(await modeOf(other)).toBe("auto_login");
  });
});

describe("bad tokens are 401 in the error envelope", () => {
  it("refuses an unknown, a malformed, an empty, an expired and a revoked token with 401", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser } = await ownerBrowser(org);
    const expired = await createToken(browser, org.slug, "admin");
    await db.$executeRaw`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = ${expired.token.id}::uuid`;
    const revoked = await createToken(browser, org.slug, "admin");
    const revoke = await browser.json(adminUrl(`/api/orgs/${org.slug}/api-tokens/${revoked.token.id}`), { method: "DELETE" });
    expect(revoke.status).toBe(200);
    const ip = randomIp();
    for (const token of [`mss_pat_${"A".repeat(43)}`, "not-a-token", "", expired.secret, revoked.secret]) {
      const response = await putMode(org, token, "disabled", { ip, authorization: `Bearer ${token}` });
      expect(response.status, `token ${JSON.stringify(token.slice(0, 12))}`).toBe(401);
      expect(response.json).toEqual(errorShape("unauthorized"));
    }
    expect(await modeOf(org)).toBe("auto_login");
  });

  it("stores only the token's SHA-256, never the token", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser } = await ownerBrowser(org);
    const { secret, token } = await createToken(browser, org.slug, "viewer");
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(Buffer.from(row.tokenHash).equals(Buffer.from(hashSecret(secret)))).toBe(true);
    const stored = JSON.stringify(await db.$queryRaw`SELECT * FROM api_tokens WHERE id = ${token.id}::uuid`);
    expect(stored).not.toContain(secret.slice(8));
    // The list never shows it either.
    expect((await browser.json(adminUrl(`/api/orgs/${org.slug}/api-tokens`))).body).not.toContain(secret.slice(8));
  });

  it("rate-limits failed bearer attempts per client IP: 429 after 20 failures, even for a then-valid token", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser } = await ownerBrowser(org);
    const { secret } = await createToken(browser, org.slug, "admin");
    const ip = randomIp();
    for (let i = 0; i < 20; i++) expect((await putMode(org, `mss_pat_${"B".repeat(43)}`, "disabled", { ip })).status).toBe(401);
    const limited = await putMode(org, secret, "opt_in", { ip });
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual(errorShape("rate_limited"));
    // Another address is not affected.
    expect((await putMode(org, secret, "opt_in")).status).toBe(200);
  });
});

describe("a request carrying a bearer token and a cookie", () => {
  it("is judged by the token alone: a bogus token next to an owner's cookie is 401 and never falls back to the cookie (cross-site too)", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser } = await ownerBrowser(org);
    const crossSite = await browser.json(adminUrl(`/api/orgs/${org.slug}/sso`), {
      method: "PUT",
      body: { mode: "disabled" },
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site", authorization: "Bearer whatever" },
    });
    expect(crossSite.status).toBe(401);
    expect(crossSite.json).toEqual(errorShape("unauthorized"));
    expect(await modeOf(org)).toBe("auto_login");
  });

  it("a viewer's token next to an owner's cookie gets the viewer's rights (403), not the cookie's", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser } = await ownerBrowser(org);
    const { secret } = await createToken(browser, org.slug, "viewer");
    const response = await browser.json(adminUrl(`/api/orgs/${org.slug}/sso`), { method: "PUT", body: { mode: "disabled" }, headers: { authorization: `Bearer ${secret}` } });
    expect(response.status).toBe(403);
    expect(await modeOf(org)).toBe("auto_login");
  });

  it("a cookie request without a token still needs the same origin (CSRF rules unchanged)", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser } = await ownerBrowser(org);
    const response = await browser.json(adminUrl(`/api/orgs/${org.slug}/sso`), { method: "PUT", body: { mode: "disabled" }, headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" } });
    expect(response.status).toBe(403);
    expect(response.json).toEqual(errorShape("csrf_failed"));
  });
});

describe("tokens cannot mint credentials", () => {
  it("an owner's token is refused (403) creating tokens, webhooks and external sites, and rotating a site secret", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser } = await ownerBrowser(org);
    const { secret } = await createToken(browser, org.slug, "owner");
    const attempts = [
      { path: `/api/orgs/${org.slug}/api-tokens`, body: { name: "successor", role: "owner", expiresInDays: null } },
      { path: `/api/orgs/${org.slug}/webhooks`, body: { url: "https://hooks.example.com/x", eventTypes: ["sso."] } },
      { path: `/api/orgs/${org.slug}/external-sites`, body: { name: "X", slug: "x-site", callbackUrl: "https://x.example.com/callback" } },
      { path: `/api/orgs/${org.slug}/external-sites/news/secret`, body: { graceSeconds: 0 } },
    ];
    for (const attempt of attempts) {
      const response = await plainRequest({ method: "POST", path: attempt.path, token: secret, body: attempt.body });
      expect(response.status, attempt.path).toBe(403);
      expect(response.json).toEqual(errorShape("forbidden"));
    }
    expect(await db.apiToken.count({ where: { orgId: org.id } })).toBe(1);
  });

  it("tokens cannot manage staff: an owner's token is refused (403) inviting, changing a role, removing a member and weakening the two-factor rule", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser, staff } = await ownerBrowser(org);
    const { secret } = await createToken(browser, org.slug, "owner");
    const attempts = [
      { method: "POST", path: `/api/orgs/${org.slug}/invitations`, body: { email: `successor-${Date.now()}@example.test`, role: "owner" } },
      { method: "PATCH", path: `/api/orgs/${org.slug}/staff/${staff.id}`, body: { role: "viewer" } },
      { method: "DELETE", path: `/api/orgs/${org.slug}/staff/${staff.id}` },
      { method: "PUT", path: `/api/orgs/${org.slug}/staff-two-factor`, body: { policy: "off" } },
      { method: "DELETE", path: `/api/orgs/${org.slug}/invitations/00000000-0000-4000-8000-000000000000` },
    ];
    for (const attempt of attempts) {
      const response = await plainRequest({ method: attempt.method, path: attempt.path, token: secret, ...(attempt.body ? { body: attempt.body } : {}) });
      expect(response.status, `${attempt.method} ${attempt.path}`).toBe(403);
      expect(response.json).toEqual(errorShape("forbidden"));
    }
    expect(await db.staffInvitation.count({ where: { orgId: org.id } })).toBe(0);
    expect((await db.staffMembership.findFirstOrThrow({ where: { orgId: org.id, staffId: staff.id } })).role).toBe("owner");
  });

  it("only owners create tokens: an admin's session is refused with 403", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser } = await ownerBrowser(org, "admin");
    const response = await browser.json(adminUrl(`/api/orgs/${org.slug}/api-tokens`), { method: "POST", body: { name: "x", role: "viewer", expiresInDays: 1 } });
    expect(response.status).toBe(403);
  });
});
