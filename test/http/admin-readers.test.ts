// The Readers page over HTTP: find a reader, see their SSO tokens and site sessions, revoke
// them with the page's actions — and the reader's next request is no longer signed in.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { TestBrowser } from "./browser";
import { createTestOrg, type TestOrg } from "./factory";
import { signInWithPassword, siteUrl, ssoStatus } from "./flows";
import { adminUrl, createTestStaff, signedInStaff } from "./admin-support";

async function staffBrowser(orgId: string, role: "owner" | "admin" | "viewer") {
  const staff = await createTestStaff([{ orgId, role }]);
  const browser = new TestBrowser();
  await signedInStaff(browser, staff);
  return { staff, browser };
}

/** A reader signed in on news and (by Auto Login) on sport in one browser. */
async function signedInReader(org: TestOrg) {
  const reader = await org.createReader();
  const browser = new TestBrowser();
  await browser.navigate(siteUrl(org.site("news").host));
  await signInWithPassword(browser, org.site("news").host, reader.email, reader.password);
  await browser.navigate(siteUrl(org.site("sport").host));
  expect((await ssoStatus(browser, org.site("sport").host)).status).toBe("authenticated");
  return { reader, browser };
}

/** Opens the Readers page, searches, opens the reader, and reads the ids its revoke buttons act on. */
async function openReaderPage(admin: TestBrowser, org: TestOrg, email: string) {
  const search = await admin.navigate(adminUrl(`/orgs/${org.slug}/readers?q=${encodeURIComponent(email.slice(0, 10))}`));
  expect(search.status).toBe(200);
  const link = new RegExp(`href="(/orgs/${org.slug}/readers/[0-9a-f-]{36})">${email.replace(/[.+]/g, "\\$&")}<`).exec(search.body)?.[1];
  expect(link).toBeTruthy();
  const page = await admin.navigate(adminUrl(link ?? ""));
  expect(page.status).toBe(200);
  return {
    body: page.body,
    readerId: (link ?? "").split("/").at(-1) ?? "",
    tokenIds: [...page.body.matchAll(/data-sso-token="([0-9a-f-]{36})"/g)].map((m) => m[1] ?? ""),
    sessionIds: [...page.body.matchAll(/data-site-session="([0-9a-f-]{36})"/g)].map((m) => m[1] ?? ""),
  };
}

describe("revoking from the Readers page", () => {
  it("revoking the browser's SSO token makes the reader's next status request unauthenticated on every site", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const { reader, browser } = await signedInReader(org);
    const { browser: admin, staff } = await staffBrowser(org.id, "admin");
    const page = await openReaderPage(admin, org, reader.email);
    expect(page.tokenIds).toHaveLength(1);
    expect(page.sessionIds.length).toBeGreaterThanOrEqual(2);
    expect(page.body).toContain("Revoke");

    const revoked = await admin.json(adminUrl(`/api/orgs/${org.slug}/sso-tokens/${page.tokenIds[0]}`), { method: "DELETE" });
    expect(revoked.status).toBe(200);
    expect(revoked.json).toEqual({ revokedSessions: 2, revokedTokens: 1 });
    for (const site of ["news", "sport"]) {
      const status = await ssoStatus(browser, org.site(site).host);
      expect(status.status, site).not.toBe("authenticated");
      expect(status.user).toBeNull();
    }
    const event = await db.auditEvent.findFirstOrThrow({ where: { orgId: org.id, type: "admin.session_revoked" } });
    expect(event).toMatchObject({ actorStaffId: staff.id, readerId: reader.id, data: { scope: "sso_token", revokedSessions: 2, revokedTokens: 1 } });
  });

  it("revoking one site session signs the reader out of that site only", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const { reader, browser } = await signedInReader(org);
    const { browser: admin } = await staffBrowser(org.id, "admin");
    const sportSession = await db.siteSession.findFirstOrThrow({ where: { siteId: org.site("sport").id, readerId: reader.id, revokedAt: null } });
    const page = await openReaderPage(admin, org, reader.email);
    expect(page.sessionIds).toContain(sportSession.id);

    expect((await admin.json(adminUrl(`/api/orgs/${org.slug}/site-sessions/${sportSession.id}`), { method: "DELETE" })).status).toBe(200);
    expect((await ssoStatus(browser, org.site("sport").host)).status).toBe("unknown");
    expect((await ssoStatus(browser, org.site("news").host)).status).toBe("authenticated");
  });

  it("signing a reader out everywhere ends every browser's sessions", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const { reader, browser } = await signedInReader(org);
    const laptop = new TestBrowser();
    await laptop.navigate(siteUrl(org.site("recipes").host));
    await signInWithPassword(laptop, org.site("recipes").host, reader.email, reader.password);
    const { browser: admin } = await staffBrowser(org.id, "admin");
    const page = await openReaderPage(admin, org, reader.email);

    const response = await admin.json<{ revokedSessions: number; revokedTokens: number }>(adminUrl(`/api/orgs/${org.slug}/readers/${page.readerId}/logout`), { method: "POST" });
    expect(response.status).toBe(200);
    expect(response.json.revokedTokens).toBe(2);
    expect((await ssoStatus(browser, org.site("news").host)).status).toBe("unknown");
    expect((await ssoStatus(laptop, org.site("recipes").host)).status).toBe("unknown");
    // And the next page view does not sign them back in.
    expect((await browser.navigate(siteUrl(org.site("news").host))).body).toContain(`data-testid="signed-out"`);
  });
});

describe("who may revoke", () => {
  it("a viewer sees the reader but no revoke buttons, and the API refuses their revocation with 403", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const { reader, browser } = await signedInReader(org);
    const { browser: viewer } = await staffBrowser(org.id, "viewer");
    const page = await openReaderPage(viewer, org, reader.email);
    expect(page.body).not.toContain(">Revoke<");
    expect(page.body).not.toContain("Sign out everywhere");
    const response = await viewer.json(adminUrl(`/api/orgs/${org.slug}/sso-tokens/${page.tokenIds[0]}`), { method: "DELETE" });
    expect(response.status).toBe(403);
    expect((await viewer.json(adminUrl(`/api/orgs/${org.slug}/readers/${page.readerId}/logout`), { method: "POST" })).status).toBe(403);
    expect((await ssoStatus(browser, org.site("news").host)).status).toBe("authenticated");
  });

  it("an admin of another organisation finds nothing: 404 for the page, the session, the token and the reader", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const other = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { reader, browser } = await signedInReader(org);
    const session = await db.siteSession.findFirstOrThrow({ where: { siteId: org.site("news").id, readerId: reader.id, revokedAt: null } });
    const { browser: outsider } = await staffBrowser(other.id, "admin");
    expect((await outsider.navigate(adminUrl(`/orgs/${org.slug}/readers/${reader.id}`))).status).toBe(404);
    // Their own organisation's URLs with this organisation's ids: not found either.
    expect((await outsider.navigate(adminUrl(`/orgs/${other.slug}/readers/${reader.id}`))).status).toBe(404);
    expect((await outsider.json(adminUrl(`/api/orgs/${other.slug}/site-sessions/${session.id}`), { method: "DELETE" })).status).toBe(404);
    expect((await outsider.json(adminUrl(`/api/orgs/${other.slug}/sso-tokens/${session.ssoTokenId}`), { method: "DELETE" })).status).toBe(404);
    expect((await outsider.json(adminUrl(`/api/orgs/${other.slug}/readers/${reader.id}/logout`), { method: "POST" })).status).toBe(404);
    expect((await outsider.json(adminUrl(`/api/orgs/${org.slug}/readers/${reader.id}/logout`), { method: "POST" })).status).toBe(404);
    expect((await ssoStatus(browser, org.site("news").host)).status).toBe("authenticated");
  });

  it("refuses a cross-origin revocation and an anonymous one", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const { reader, browser } = await signedInReader(org);
    const { browser: admin } = await staffBrowser(org.id, "admin");
    const crossOrigin = await admin.json(adminUrl(`/api/orgs/${org.slug}/readers/${reader.id}/logout`), { method: "POST", headers: { origin: `http://${org.site("news").host}` } });
    expect(crossOrigin.status).toBe(403);
    expect((await new TestBrowser().json(adminUrl(`/api/orgs/${org.slug}/readers/${reader.id}/logout`), { method: "POST" })).status).toBe(401);
    expect((await ssoStatus(browser, org.site("news").host)).status).toBe("authenticated");
  });
});
