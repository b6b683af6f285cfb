// The contract test: every documented operation is exercised against the real server, and
// every answer's status and body must be what the API document (GET /api/openapi.json) says.
// A route the document lacks cannot be checked here, so it fails; an operation this test never
// exercises fails the last test.
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { db } from "@/lib/db/client";
import { operations } from "@/lib/api-contract/operations";
import { TestBrowser } from "./browser";
import { createTestOrg } from "./factory";
import { createTestExternalSite, externalHandshake, basicAuthorization } from "./external-factory";
import { siteUrl } from "./flows";
import { browserSignedInOn, rawRequest, visit } from "./scenarios";
import { authUrl, handshakeUntilCallback, sessionOf, ssoTokenOf } from "./sso-steps";
import { adminUrl, createTestStaff } from "./admin-support";
import { mailedLink } from "./mail-steps";
import { replayZephrExamples } from "./zephr-examples";
import { enrolTestStaff, totpCode } from "./staff-steps";

type Json = Record<string, unknown>;
type Document = { paths: Record<string, Record<string, Json>>; components: { schemas: Record<string, Json> } };

let documentPromise: Promise<Document> | null = null;
function loadDocument(): Promise<Document> {
  documentPromise ??= rawRequest({ host: "admin.localhost", path: "/api/openapi.json" }).then((response) => {
    expect(response.status).toBe(200);
    return JSON.parse(response.body) as Document;
  });
  return documentPromise;
}

const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
const exercised = new Set<string>();

/** Checks one real answer against the document: its status is documented, and a JSON body matches the documented schema. */
async function expectDocumented(operationId: string, response: { status: number; headers: Record<string, unknown>; body: string }): Promise<void> {
  const operation = operations.find((op) => op.operationId === operationId);
  if (!operation) throw new Error(`no operation ${operationId} in the contract`);
  exercised.add(operationId);
  const document = await loadDocument();
  const documented = document.paths[operation.path]?.[operation.method] as { responses: Record<string, { content?: Record<string, { schema: Json }> }> } | undefined;
  expect(documented, `${operation.method} ${operation.path} in the served document`).toBeDefined();
  const spec = documented?.responses[String(response.status)];
  expect(spec, `${operationId}: status ${response.status} is documented (body: ${response.body.slice(0, 200)})`).toBeDefined();
  const contentType = String(response.headers["content-type"] ?? "").split(";")[0] ?? "";
  const jsonSchema = spec?.content?.["application/json"]?.schema;
  if (!jsonSchema) return;
  expect(contentType, `${operationId} ${response.status} content type`).toBe("application/json");
  const schema = JSON.parse(JSON.stringify({ ...jsonSchema, $defs: document.components.schemas }).replaceAll("#/components/schemas/", "#/$defs/")) as Json;
  const validate = ajv.compile(schema);
  const body: unknown = JSON.parse(response.body);
  expect(validate(body) ? [] : validate.errors, `${operationId} ${response.status} body matches the document: ${response.body.slice(0, 300)}`).toEqual([]);
}

function jsonPost(browser: TestBrowser, host: string, path: string, body?: unknown) {
  return browser.request(siteUrl(host, path), { method: "POST", ...(body === undefined ? {} : { body: JSON.stringify(body) }), sameOrigin: true });
}

async function form(browser: TestBrowser, host: string, path: string, fields: Record<string, string>) {
  const csrf = await browser.request(siteUrl(host, "/api/auth/csrf"));
  await expectDocumented("getCsrfToken", csrf);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  return browser.request(siteUrl(host, path), {
    method: "POST",
    body: new URLSearchParams({ csrfToken, json: "true", ...fields }).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
    sameOrigin: true,
  });
}

describe("the API document matches the server's answers", () => {
  it("handshake and callback", async () => {
    const org = await createTestOrg({ mode: "opt_in", sites: ["news"] });
    const browser = new TestBrowser();
    const steps = await handshakeUntilCallback(browser, org.site("news").host);
    await expectDocumented("startHandshake", steps.handshakeResponse);
    await expectDocumented("startHandshake", await browser.request(authUrl(org, "/sso/handshake?site=nope&state=x"), { navigation: true }));
    await expectDocumented("completeHandshake", await browser.request(steps.callbackUrl, { navigation: true }));
  });

  it("the site API, sign-in and the account", async () => {
    const org = await createTestOrg({ mode: "opt_in", sites: ["news", "sport"] });
    const news = org.site("news").host;
    const sport = org.site("sport").host;
    const reader = await org.createReader();
    const browser = new TestBrowser();
    await visit(browser, news);

    await expectDocumented("getSsoStatus", await browser.request(siteUrl(news, "/api/sso/status")));
    await expectDocumented("getNextAuthSession", await browser.request(siteUrl(news, "/api/auth/session")));
    await expectDocumented("signInWithPassword", await form(browser, news, "/api/auth/callback/credentials", { email: reader.email, password: reader.password }));
    await expectDocumented("getNextAuthSession", await browser.request(siteUrl(news, "/api/auth/session")));
    await expectDocumented("getSsoStatus", await browser.request(siteUrl(news, "/api/sso/status")));
    await expectDocumented("putReaderMeta", await browser.request(siteUrl(news, "/api/sso/status/meta"), { method: "PUT", body: JSON.stringify({ theme: "dark" }), sameOrigin: true }));
    await expectDocumented("putReaderMeta", await browser.request(siteUrl(news, "/api/sso/status/meta"), { method: "PUT", body: "[", sameOrigin: true }));

    await visit(browser, sport);
    await expectDocumented("getSsoStatus", await browser.request(siteUrl(sport, "/api/sso/status"))); // known, with a hint
    await expectDocumented("dismissPrompt", await jsonPost(browser, sport, "/api/sso/prompt/dismiss"));
    await expectDocumented("loginWithSso", await jsonPost(browser, sport, "/api/sso/login", { use_sso: true }));
    await expectDocumented("loginWithSso", await jsonPost(browser, sport, "/api/sso/login", { use_sso: true })); // 409 now

    const sportSession = await sessionOf(browser, sport);
    await expectDocumented("revokeOwnSession", await jsonPost(browser, news, `/api/account/sessions/${sportSession?.id ?? "x"}/revoke`));
    await expectDocumented("withdrawConsent", await jsonPost(browser, news, `/api/account/consents/${org.site("sport").id}/withdraw`));
    await expectDocumented("revokeOwnSession", await jsonPost(browser, news, "/api/account/sessions/not-a-uuid/revoke"));
    await expectDocumented("resendVerification", await jsonPost(browser, news, "/api/account/verification/resend", {}));
    await expectDocumented("confirmEmail", await jsonPost(browser, news, "/api/account/verify-email", { token: "x".repeat(43) })); // 400 invalid_link
    await expectDocumented("confirmEmail", await jsonPost(browser, news, "/api/account/verify-email", { token: "x", extra: 1 })); // 400 validation_failed
    await expectDocumented("logout", await jsonPost(browser, news, "/api/logout", { where: "JUST_HERE" }));
    await expectDocumented("logout", await jsonPost(browser, news, "/api/logout", {}));

    const other = new TestBrowser();
    await visit(other, news);
    await expectDocumented("register", await form(other, news, "/api/auth/callback/register", { email: `new-${Date.now()}@example.com`, password: "a-long-unusual-passphrase-7", name: "New Reader" }));
    await expectDocumented("signOut", await form(other, news, "/api/auth/signout", {}));
    await expectDocumented("getSsoStatus", await rawRequest({ host: "unknown-site.localhost", path: "/api/sso/status" }));
  });

  it("the mailed-link flows: password reset and sign-in by emailed link", async () => {
    const org = await createTestOrg({ mode: "opt_in", sites: ["news"] });
    const news = org.site("news").host;
    const reader = await org.createReader();
    const browser = new TestBrowser();
    await visit(browser, news);
    const asked = new Date();
    await expectDocumented("requestPasswordReset", await jsonPost(browser, news, "/api/account/password-reset", { email: reader.email }));
    await expectDocumented("requestPasswordReset", await jsonPost(browser, news, "/api/account/password-reset", { email: "not an email" }));
    const reset = await mailedLink(reader.email, /^Reset your password/, "/reset-password", asked);
    await expectDocumented("completePasswordReset", await jsonPost(browser, news, "/api/account/password-reset/complete", { token: reset.token, password: "password123" }));
    await expectDocumented("completePasswordReset", await jsonPost(browser, news, "/api/account/password-reset/complete", { token: reset.token, password: "lantern-orchard-93" }));
    await expectDocumented("requestSignInLink", await jsonPost(browser, news, "/api/account/sign-in-link", { email: reader.email }));
    const link = await mailedLink(reader.email, /^Your sign-in link/, "/signin/link", asked);
    await expectDocumented("completeSignInLink", await jsonPost(browser, news, "/api/account/sign-in-link/complete", { code: "abc" }));
    await expectDocumented("completeSignInLink", await jsonPost(browser, news, "/api/account/sign-in-link/complete", { token: link.token }));
  });

  it("the external sites' server-to-server API", async () => {
    const org = await createTestOrg({ mode: "opt_in", sites: ["news"] });
    const reader = await org.createReader();
    const partner = await createTestExternalSite(org);
    const browser = await browserSignedInOn(org.site("news").host, reader);
    const { ott, state } = await externalHandshake(browser, partner);

    await expectDocumented("exchangeOneTimeToken", await partner.call("/sso/exchange", { ott, state }, { authorization: basicAuthorization(partner.clientId, "wrong") }));
    const exchanged = await partner.call("/sso/exchange", { ott, state });
    await expectDocumented("exchangeOneTimeToken", exchanged);
    await expectDocumented("exchangeOneTimeToken", await partner.call("/sso/exchange", { ott, state })); // replay
    await expectDocumented("exchangeOneTimeToken", await partner.call("/sso/exchange", { ott, state, extra: true }));
    const handle = (exchanged.json as { session: string }).session;

    await expectDocumented("getExternalStatus", await partner.call("/sso/session/status", {}));
    await expectDocumented("getExternalStatus", await partner.call("/sso/session/status", { session: handle }));
    const login = await partner.call("/sso/session/login", { session: handle, use_sso: true });
    await expectDocumented("loginExternalWithSso", login);
    await expectDocumented("loginExternalWithSso", await partner.call("/sso/session/login", { session: handle, use_sso: true })); // the old handle: 409
    const signedIn = (login.json as { session: string }).session;
    await expectDocumented("logoutExternal", await partner.call("/sso/session/logout", { session: signedIn, where: "JUST_HERE" }));
  });

  it("the admin console's API and its staff sign-in", async () => {
    const org = await createTestOrg({ mode: "opt_in", sites: ["news"] });
    const reader = await org.createReader();
    const readerBrowser = await browserSignedInOn(org.site("news").host, reader);
    const staff = await createTestStaff([{ orgId: org.id, role: "admin" }]);
    const browser = new TestBrowser();
    const admin = "admin.localhost";
    const api = (path: string, method = "GET", body?: unknown) =>
      browser.request(adminUrl(path), { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }), sameOrigin: method !== "GET" });

    await expectDocumented("getOrgSsoSettings", await api(`/api/orgs/${org.slug}/sso`)); // 401
    await expectDocumented("signInWithPassword", await form(browser, admin, "/api/auth/callback/credentials", { email: staff.email, password: staff.password }));
    await expectDocumented("getNextAuthSession", await browser.request(adminUrl("/api/auth/session")));
    await expectDocumented("getOrgSsoSettings", await api(`/api/orgs/${org.slug}/sso`));
    await expectDocumented("getOrgSsoSettings", await api("/api/orgs/no-such-org/sso"));
    await expectDocumented("putOrgSsoSettings", await api(`/api/orgs/${org.slug}/sso`, "PUT", { mode: "opt_in", ottTtlSeconds: 90 }));
    await expectDocumented("putOrgSsoSettings", await api(`/api/orgs/${org.slug}/sso`, "PUT", { mode: "sometimes" }));
    await expectDocumented("listOrgSites", await api(`/api/orgs/${org.slug}/sites`));
    await expectDocumented("updateSiteSso", await api(`/api/orgs/${org.slug}/sites/news`, "PATCH", { ssoModeOverride: null }));

    const session = await sessionOf(readerBrowser, org.site("news").host);
    const token = await ssoTokenOf(readerBrowser, org);
    await expectDocumented("revokeReaderSiteSession", await api(`/api/orgs/${org.slug}/site-sessions/${session?.id ?? ""}`, "DELETE"));
    await expectDocumented("revokeReaderSsoToken", await api(`/api/orgs/${org.slug}/sso-tokens/${token?.id ?? ""}`, "DELETE"));
    await expectDocumented("logoutReaderEverywhere", await api(`/api/orgs/${org.slug}/readers/${reader.id}/logout`, "POST"));
    await expectDocumented("signOut", await form(browser, admin, "/api/auth/signout", {}));
  });

  it("the admin console's document and the operations endpoints", async () => {
    await expectDocumented("getOpenApiDocument", await rawRequest({ host: "admin.localhost", path: "/api/openapi.json" }));
    await expectDocumented("getHealth", await rawRequest({ host: "10.0.0.1", path: "/api/health" }));
    await expectDocumented("getReadiness", await rawRequest({ host: "news.localhost", path: "/api/ready" }));
    await expectDocumented("getMetrics", await rawRequest({ host: "news.localhost", path: "/api/metrics" }));
    await expectDocumented("getMetrics", await rawRequest({ host: "news.localhost", path: "/api/metrics", headers: { authorization: `Bearer ${env.METRICS_TOKEN ?? ""}` } }));
  });

  it("the account's security actions and the console's mail actions", async () => {
    const org = await createTestOrg({ mode: "opt_in", sites: ["news"] });
    const news = org.site("news").host;
    const reader = await org.createReader();
    const browser = await browserSignedInOn(news, reader);
    const post = (path: string, body?: unknown) => browser.request(siteUrl(news, path), { method: "POST", ...(body === undefined ? {} : { body: JSON.stringify(body) }), sameOrigin: true });
    await expectDocumented("changePassword", await post("/api/account/password", { currentPassword: "wrong-password", newPassword: "amber-lighthouse-93", signOutOtherDevices: true }));
    await expectDocumented("changePassword", await post("/api/account/password", { currentPassword: reader.password, newPassword: "short", signOutOtherDevices: true }));
    await expectDocumented("changePassword", await post("/api/account/password", { currentPassword: reader.password, newPassword: "amber-lighthouse-93", signOutOtherDevices: false }));
    await expectDocumented("requestEmailChange", await post("/api/account/email", { currentPassword: "amber-lighthouse-93", newEmail: `moved-${Date.now()}@example.com` }));
    await expectDocumented("requestEmailChange", await post("/api/account/email", { currentPassword: "amber-lighthouse-93", newEmail: "nope" }));
    await expectDocumented("confirmEmailChange", await post("/api/account/email/confirm", { token: "A".repeat(43) }));
    await expectDocumented("confirmEmailChange", await post("/api/account/email/confirm", { token: 1 }));
    await expectDocumented("resendVerification", await post("/api/account/verification/resend"));
    await expectDocumented("confirmEmail", await post("/api/account/verify-email", { token: "A".repeat(43) }));

    const staff = await createTestStaff([{ orgId: org.id, role: "admin" }]);
    const admin = new TestBrowser();
    await form(admin, "admin.localhost", "/api/auth/callback/credentials", { email: staff.email, password: staff.password });
    const api = (path: string, body?: unknown) => admin.request(adminUrl(path), { method: "POST", ...(body === undefined ? {} : { body: JSON.stringify(body) }), sameOrigin: true });
    await expectDocumented("adminResendVerification", await api(`/api/orgs/${org.slug}/readers/${reader.id}/verification`, { siteSlug: "news" }));
    await expectDocumented("adminResendVerification", await api(`/api/orgs/${org.slug}/readers/${reader.id}/verification`, { siteSlug: "Not A Slug" }));
    await expectDocumented("adminSendPasswordReset", await api(`/api/orgs/${org.slug}/readers/${reader.id}/password-reset`, { siteSlug: "news" }));
    await expectDocumented("adminRetryMail", await api(`/api/orgs/${org.slug}/mail/00000000-0000-4000-8000-000000000000/retry`));
  });

  it("hosted sign-in (issue 17)", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const reader = await org.createReader();
    const browser = new TestBrowser();
    const host = org.site("news").host;
    await visit(browser, host);
    // Not hosted yet: the site's own page, and no page on the auth domain.
    await expectDocumented("startHostedSignIn", await browser.request(siteUrl(host, "/sso/hosted?return=/"), { navigation: true }));
    await expectDocumented("getHostedSignInPage", await browser.request(authUrl(org, `/signin?site=news&state=${"A".repeat(43)}`), { navigation: true }));
    await db.organization.update({ where: { id: org.id }, data: { hostedSignIn: true } });
    await expectDocumented("startHostedSignIn", await browser.request(siteUrl(host, "/sso/hosted?view=nope"), { navigation: true }));
    const start = await browser.request(siteUrl(host, "/sso/hosted?return=/"), { navigation: true });
    await expectDocumented("startHostedSignIn", start);
    const pageUrl = String(start.headers.location);
    await expectDocumented("getHostedSignInPage", await browser.request(pageUrl, { navigation: true }));
    await expectDocumented("getHostedSignInPage", await browser.request(authUrl(org, "/signin?site=news"), { navigation: true }));
    const state = new URL(pageUrl).searchParams.get("state") ?? "";
    const csrf = browser.cookie(org.authHost, "__Host-mss_hosted_csrf") ?? "";
    const submit = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
      browser.request(authUrl(org, "/api/hosted-sign-in"), {
        method: "POST",
        body: new URLSearchParams(fields).toString(),
        headers: { "content-type": "application/x-www-form-urlencoded", origin: new URL(authUrl(org, "/")).origin, ...headers },
      });
    const fields = { action: "signin", site: "news", state, csrf, email: reader.email };
    await expectDocumented("submitHostedSignIn", await submit({ ...fields, password: "wrong-password" }));
    await expectDocumented("submitHostedSignIn", await submit({ ...fields, password: reader.password }, { origin: "https://evil.example" }));
    await expectDocumented("submitHostedSignIn", await submit({ ...fields, password: reader.password }, { "content-type": "text/plain" }));
    await expectDocumented("submitHostedSignIn", await submit({ ...fields, site: "nope", password: reader.password }));
    await expectDocumented("submitHostedSignIn", await submit({ ...fields, action: "forgot-password" }));
    await expectDocumented("submitHostedSignIn", await submit({ ...fields, password: reader.password }));
  });

  it("the device limit and data rights (issue 18, parts 2 and 4)", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const news = org.site("news").host;
    const reader = await org.createReader();
    const staff = await createTestStaff([{ orgId: org.id, role: "admin" }]);
    const admin = new TestBrowser();
    await form(admin, "admin.localhost", "/api/auth/callback/credentials", { email: staff.email, password: staff.password });
    const api = (path: string, method: string, body?: unknown) =>
      admin.request(adminUrl(path), { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }), sameOrigin: method !== "GET" });
    await expectDocumented("getOrgDeviceLimit", await api(`/api/orgs/${org.slug}/device-limit`, "GET"));
    await expectDocumented("putOrgDeviceLimit", await api(`/api/orgs/${org.slug}/device-limit`, "PUT", { limit: 0, policy: "deny_new" }));
    await expectDocumented("putOrgDeviceLimit", await api(`/api/orgs/${org.slug}/device-limit`, "PUT", { limit: 1, policy: "deny_new" }));

    const browser = await browserSignedInOn(news, reader);
    const refused = new TestBrowser();
    await visit(refused, news);
    await expectDocumented("signInWithPassword", await form(refused, news, "/api/auth/callback/credentials", { email: reader.email, password: reader.password }));

    const post = (target: TestBrowser, path: string, body?: unknown) => target.request(siteUrl(news, path), { method: "POST", ...(body === undefined ? {} : { body: JSON.stringify(body) }), sameOrigin: true });
    await expectDocumented("exportMyData", await post(browser, "/api/account/export", {}));
    await expectDocumented("exportMyData", await post(new TestBrowser(), "/api/account/export", {}));
    await expectDocumented("deleteMyAccount", await post(browser, "/api/account/delete", { currentPassword: "wrong-password" }));
    await expectDocumented("deleteMyAccount", await post(browser, "/api/account/delete", { confirmBy: "post" }));
    await expectDocumented("deleteMyAccount", await post(browser, "/api/account/delete", { confirmBy: "email" }));
    await expectDocumented("confirmAccountDeletion", await post(new TestBrowser(), "/api/account/delete/confirm", { token: "A".repeat(43) }));
    const link = await mailedLink(reader.email, /Confirm the deletion/, "/account/delete");
    await expectDocumented("confirmAccountDeletion", await post(new TestBrowser(), "/api/account/delete/confirm", { token: link.token }));

    const other = await org.createReader();
    await expectDocumented("adminExportReader", await api(`/api/orgs/${org.slug}/readers/${other.id}/export`, "POST"));
    await expectDocumented("adminExportReader", await api(`/api/orgs/${org.slug}/readers/${reader.id}/export`, "POST"));
    await expectDocumented("adminDeleteReader", await api(`/api/orgs/${org.slug}/readers/${other.id}`, "DELETE"));
    await expectDocumented("adminDeleteReader", await api(`/api/orgs/${org.slug}/readers/${other.id}`, "DELETE"));

    // Zephr's forget-me, the same deletion
    const zephrReader = await org.createReader();
    await api(`/api/orgs/${org.slug}/device-limit`, "PUT", { limit: null, policy: "deny_new" });
    const zephr = await browserSignedInOn(news, zephrReader);
    await expectDocumented("zephrForgetMe", await post(new TestBrowser(), "/blaize/forget-me", {}));
    await expectDocumented("zephrForgetMe", await post(zephr, "/blaize/forget-me", { validators: {} }));
    await expectDocumented("zephrForgetMe", await post(zephr, "/blaize/forget-me", { validators: { password: "wrong-password" } }));
    await expectDocumented("zephrForgetMe", await post(zephr, "/blaize/forget-me", {}));
    await expectDocumented("zephrForgetMe", await post(zephr, "/blaize/forget-me", { validators: { password: zephrReader.password } }));
  });

  it("the Zephr-compatible API: each documented Zephr request example, replayed (test/http/zephr-examples.ts)", async () => {
    await replayZephrExamples(expectDocumented);
  });

  it("staff management and two-factor sign-in", async () => {
    const org = await createTestOrg({ mode: "opt_in", sites: ["news"] });
    const owner = await createTestStaff([{ orgId: org.id, role: "owner" }]);
    const member = await createTestStaff([{ orgId: org.id, role: "viewer" }]);
    const browser = new TestBrowser();
    const call = (path: string, method = "GET", body?: unknown) =>
      browser.request(adminUrl(path), { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }), sameOrigin: method !== "GET" });
    await expectDocumented("listOrgStaff", await call(`/api/orgs/${org.slug}/staff`)); // 401
    await form(browser, "admin.localhost", "/api/auth/callback/credentials", { email: owner.email, password: owner.password });
    await expectDocumented("listOrgStaff", await call(`/api/orgs/${org.slug}/staff`));
    const email = `invited-${Date.now()}@example.test`;
    const sentAt = new Date(Date.now() - 1000);
    await expectDocumented("inviteStaff", await call(`/api/orgs/${org.slug}/invitations`, "POST", { email, role: "admin" }));
    await expectDocumented("inviteStaff", await call(`/api/orgs/${org.slug}/invitations`, "POST", { email: member.email, role: "admin" })); // 409
    await expectDocumented("revokeStaffInvitation", await call(`/api/orgs/${org.slug}/invitations/00000000-0000-4000-8000-000000000000`, "DELETE"));
    await expectDocumented("changeStaffRole", await call(`/api/orgs/${org.slug}/staff/${member.id}`, "PATCH", { role: "admin" }));
    await expectDocumented("changeStaffRole", await call(`/api/orgs/${org.slug}/staff/${owner.id}`, "PATCH", { role: "admin" })); // 409
    await expectDocumented("setStaffTwoFactorPolicy", await call(`/api/orgs/${org.slug}/staff-two-factor`, "PUT", { policy: "off" }));
    await expectDocumented("setStaffTwoFactorPolicy", await call(`/api/orgs/${org.slug}/staff-two-factor`, "PUT", { policy: "sometimes" }));
    const { token } = await mailedLink(email, /invited/, "/invitation", sentAt);
    const stranger = new TestBrowser();
    const post = (path: string, body: unknown) => stranger.request(adminUrl(path), { method: "POST", body: JSON.stringify(body), sameOrigin: true });
    await expectDocumented("acceptStaffInvitation", await post("/api/staff/invitations/accept", { token, name: "Invited", password: "short" }));
    await expectDocumented("acceptStaffInvitation", await post("/api/staff/invitations/accept", { token, name: "Invited", password: "invited-password-42" }));
    await expectDocumented("requestStaffPasswordReset", await post("/api/staff/password-reset", { email }));
    await expectDocumented("completeStaffPasswordReset", await post("/api/staff/password-reset/complete", { token: "A".repeat(43), password: "another-password-42" }));
    await expectDocumented("removeStaffMember", await call(`/api/orgs/${org.slug}/staff/${member.id}`, "DELETE"));

    // The second factor: a staff member with an authenticator, then one sent to enrol.
    const secret = await enrolTestStaff(member);
    await db.staffMembership.create({ data: { staffId: member.id, orgId: org.id, role: "viewer" } });
    const phone = new TestBrowser();
    await form(phone, "admin.localhost", "/api/auth/callback/credentials", { email: member.email, password: member.password });
    const verify = (code: string) => phone.request(adminUrl("/api/staff/two-factor/verify"), { method: "POST", body: JSON.stringify({ code }), sameOrigin: true });
    await expectDocumented("verifyStaffSecondFactor", await verify("000000"));
    await expectDocumented("verifyStaffSecondFactor", await verify(totpCode(secret)));
    await expectDocumented("confirmStaffTwoFactorEnrolment", await phone.request(adminUrl("/api/staff/two-factor/enrolment"), { method: "POST", body: JSON.stringify({ code: "123456" }), sameOrigin: true })); // 409: nothing pending
    const mine = await db.staffSession.findFirstOrThrow({ where: { staffId: member.id, revokedAt: null }, orderBy: { createdAt: "desc" } });
    await expectDocumented("revokeOwnStaffSession", await phone.request(adminUrl("/api/staff/sessions/00000000-0000-4000-8000-000000000000"), { method: "DELETE", sameOrigin: true }));
    await expectDocumented("revokeOwnStaffSession", await phone.request(adminUrl(`/api/staff/sessions/${mine.id}`), { method: "DELETE", sameOrigin: true }));
  });

  it("the console's automation: API tokens (and a bearer request), webhooks, external sites, audit export", async () => {
    const org = await createTestOrg({ mode: "opt_in", sites: ["news"] });
    const staff = await createTestStaff([{ orgId: org.id, role: "owner" }]);
    const owner = new TestBrowser();
    await form(owner, "admin.localhost", "/api/auth/callback/credentials", { email: staff.email, password: staff.password });
    const send = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
      owner.request(adminUrl(path), { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }), sameOrigin: true, ...(headers ? { headers } : {}) });
    const base = `/api/orgs/${org.slug}`;
    const created = await send("POST", `${base}/api-tokens`, { name: "ci", role: "viewer", expiresInDays: 7 });
    await expectDocumented("adminCreateApiToken", created);
    await expectDocumented("adminCreateApiToken", await send("POST", `${base}/api-tokens`, { name: "", role: "viewer", expiresInDays: 7 }));
    const { secret, token } = JSON.parse(created.body) as { secret: string; token: { id: string } };
    await expectDocumented("adminListApiTokens", await send("GET", `${base}/api-tokens`));
    await expectDocumented("adminListApiTokens", await rawRequest({ host: "admin.localhost", path: `${base}/api-tokens`, headers: { authorization: `Bearer ${secret}` } }));
    await expectDocumented("adminListApiTokens", await rawRequest({ host: "admin.localhost", path: `${base}/api-tokens`, headers: { authorization: "Bearer nope" } }));
    await expectDocumented("adminExportAudit", await rawRequest({ host: "admin.localhost", path: `${base}/audit/export?format=json`, headers: { authorization: `Bearer ${secret}` } }));
    await expectDocumented("adminExportAudit", await send("GET", `${base}/audit/export?format=csv&type=sso.`));
    await expectDocumented("adminExportAudit", await send("GET", `${base}/audit/export?format=pdf`));
    await expectDocumented("adminRevokeApiToken", await send("DELETE", `${base}/api-tokens/${token.id}`));
    await expectDocumented("adminRevokeApiToken", await send("DELETE", `${base}/api-tokens/00000000-0000-4000-8000-000000000000`));
    const hook = await send("POST", `${base}/webhooks`, { url: "https://hooks.example.com/sso", eventTypes: ["auth.lockout"] });
    await expectDocumented("adminCreateWebhook", hook);
    await expectDocumented("adminCreateWebhook", await send("POST", `${base}/webhooks`, { url: "https://10.0.0.1/x", eventTypes: ["sso."] }));
    await expectDocumented("adminListWebhooks", await send("GET", `${base}/webhooks`));
    const { webhook } = JSON.parse(hook.body) as { webhook: { id: string } };
    await expectDocumented("adminDeleteWebhook", await send("DELETE", `${base}/webhooks/${webhook.id}`));
    await expectDocumented("adminDeleteWebhook", await send("DELETE", `${base}/webhooks/${webhook.id}`));
    await expectDocumented("adminRegisterExternalSite", await send("POST", `${base}/external-sites`, { name: "Partner", slug: "partner-c", callbackUrl: "https://partner.example.com/cb" }));
    await expectDocumented("adminRegisterExternalSite", await send("POST", `${base}/external-sites`, { name: "Partner", slug: "partner-c", callbackUrl: "https://partner.example.com/cb" }));
    await expectDocumented("adminListExternalSites", await send("GET", `${base}/external-sites`));
    await expectDocumented("adminRotateExternalSiteSecret", await send("POST", `${base}/external-sites/partner-c/secret`, { graceSeconds: 60 }));
    await expectDocumented("adminRotateExternalSiteSecret", await send("POST", `${base}/external-sites/news/secret`, { graceSeconds: 60 }));
  });

  it("exercised every operation of the document that has a handler in this build", () => {
    const notExercised = operations.filter((op) => !exercised.has(op.operationId)).map((op) => `${op.operationId} (${op.method.toUpperCase()} ${op.path})`);
    expect(notExercised).toEqual([]);
  });
});
