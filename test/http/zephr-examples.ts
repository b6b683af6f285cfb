// Zephr's documented request examples (its Public API reference, version 2025-07-30:
// https://developer.zuora.com/zephr-api-reference/zephr-public-api/), replayed against the
// Zephr-compatible paths of a site by the contract test, which checks each answer's status and
// body against the API document. One step per documented example, in the order a front end
// would send them, then the documented refusals. The examples' placeholder values (Zephr's
// `abc@com…`, `EVERYWHERE`) are replaced by a real reader's, nothing else.
import { expect } from "vitest";
import { TestBrowser } from "./browser";
import { createTestOrg } from "./factory";
import { siteUrl } from "./flows";
import { mailedLink } from "./mail-steps";
import { rawRequest, visit } from "./scenarios";
import { sessionOf } from "./sso-steps";

type Answer = { status: number; headers: Record<string, unknown>; body: string };
export type ExpectDocumented = (operationId: string, response: Answer) => Promise<void>;

function send(browser: TestBrowser, host: string, method: string, path: string, body?: unknown) {
  return browser.request(siteUrl(host, path), { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }), sameOrigin: method !== "GET" });
}

export async function replayZephrExamples(expectDocumented: ExpectDocumented): Promise<void> {
  /** One replayed example: the status Zephr's page documents for it (or ours, where docs/zephr-compat.md says we differ), then the document's check. */
  const step = async (operationId: string, status: number, response: Answer) => {
    expect(response.status, `${operationId}: ${response.body.slice(0, 200)}`).toBe(status);
    await expectDocumented(operationId, response);
  };
  const org = await createTestOrg({ mode: "opt_in", sites: ["news", "sport"] });
  const news = org.site("news").host;
  const sport = org.site("sport").host;
  const reader = await org.createReader();
  const browser = new TestBrowser();
  await visit(browser, news);

  // retrieveSSOStatus: `curl -X GET …/zephr/public/sso/v1/status -b blaize_session=…`
  await step("zephrRetrieveSsoStatus", 200, await send(browser, news, "GET", "/zephr/public/sso/v1/status"));
  await step("zephrRetrieveSsoStatus", 404, await rawRequest({ host: "unknown-site.localhost", path: "/zephr/public/sso/v1/status" }));

  // loginUserAccount: {"identifiers": {"email_address": …}, "validators": {"password": …}}
  await step("zephrLogin", 401, await send(browser, news, "POST", "/blaize/login", { identifiers: { email_address: reader.email }, validators: { password: "wrong-password-1" } }));
  await step("zephrLogin", 400, await send(browser, news, "POST", "/blaize/login", { identifiers: { email_address: reader.email } }));
  await step("zephrLogin", 200, await send(browser, news, "POST", "/blaize/login", { identifiers: { email_address: reader.email }, validators: { password: reader.password } }));
  await step("zephrRetrieveSsoStatus", 200, await send(browser, news, "GET", "/zephr/public/sso/v1/status"));

  // updateMetadata: any JSON object
  await step("zephrUpdateMetadata", 200, await send(browser, news, "PUT", "/zephr/public/sso/v1/status/meta", { favourite_section: "sport" }));
  await step("zephrUpdateMetadata", 400, await send(browser, news, "PUT", "/zephr/public/sso/v1/status/meta", ["not", "an", "object"]));

  // use_sso on another site, with no identifiers
  const other = new TestBrowser();
  await visit(other, sport);
  await step("zephrLogin", 401, await send(other, sport, "POST", "/blaize/login", { validators: { use_sso: true } })); // 401: no sign-on to continue
  await visit(browser, sport);
  await step("zephrLogin", 200, await send(browser, sport, "POST", "/blaize/login", { validators: { use_sso: true } }));

  // the sessions endpoints
  await step("zephrListSessions", 200, await send(browser, sport, "GET", "/zephr/public/sessions/v1/sessions"));
  await step("zephrListSessions", 401, await send(other, sport, "GET", "/zephr/public/sessions/v1/sessions")); // 401
  await step("listOwnSessions", 200, await send(browser, news, "GET", "/api/account/sessions"));
  await step("listOwnSessions", 401, await send(other, news, "GET", "/api/account/sessions")); // 401
  const sportSession = await sessionOf(browser, sport);
  await step("zephrDeleteSession", 200, await send(browser, news, "DELETE", `/zephr/public/sessions/v1/sessions/${sportSession?.id ?? "x"}`));
  await step("zephrDeleteSession", 404, await send(browser, news, "DELETE", "/zephr/public/sessions/v1/sessions/0nasdj-aso25-6454")); // Zephr's example id: 404
  await step("zephrDeleteOtherSessions", 200, await send(browser, news, "DELETE", "/zephr/public/sessions/v1/sessions"));
  await step("revokeOtherSessions", 200, await send(browser, news, "POST", "/api/account/sessions/revoke-others"));
  await step("revokeOtherSessions", 403, await browser.request(siteUrl(news, "/api/account/sessions/revoke-others"), { method: "POST", headers: { origin: "http://evil.localhost" } })); // 403

  // logout: {"where": "EVERYWHERE"}
  await step("zephrLogout", 400, await send(browser, news, "POST", "/blaize/logout", { where: "NOWHERE" })); // 400
  await step("zephrLogout", 200, await send(browser, news, "POST", "/blaize/logout", { where: "EVERYWHERE" }));
  await step("zephrLogout", 400, await send(browser, news, "POST", "/blaize/logout", {})); // not signed in any more: 400

  // register: {"identifiers", "validators", "attributes"}
  const newcomer = new TestBrowser();
  await visit(newcomer, news);
  const email = `zephr-${Date.now()}@example.com`;
  await step("zephrRegister", 400, await send(newcomer, news, "POST", "/blaize/register", { identifiers: { email_address: email }, validators: { password: "short" } })); // 400: weak
  await step("zephrRegister", 200, await send(newcomer, news, "POST", "/blaize/register", { identifiers: { email_address: email }, validators: { password: "a-long-unusual-passphrase-7" }, attributes: { "first-name": "Zoe", "last-name": "Phr" } }));
  await step("zephrRegister", 202, await send(new TestBrowser(), news, "POST", "/blaize/register", { identifiers: { email_address: email }, validators: { password: "a-long-unusual-passphrase-7" } })); // taken: 202

  // password reset start and completion: {"identifiers": {"email_address"}}, then {"validators": {"password"}}
  const asked = new Date();
  await step("zephrStartPasswordReset", 200, await send(browser, news, "POST", "/blaize/users/reset", { identifiers: { email_address: reader.email } }));
  await step("zephrStartPasswordReset", 400, await send(browser, news, "POST", "/blaize/users/reset", { identifiers: {} }));
  const reset = await mailedLink(reader.email, /^Reset your password/, "/reset-password", asked);
  await step("zephrCompletePasswordReset", 404, await send(browser, news, "POST", "/blaize/users/reset/123456", { validators: { password: "lantern-orchard-93" } })); // 404
  await step("zephrCompletePasswordReset", 200, await send(browser, news, "POST", `/blaize/users/reset/${reset.token}`, { validators: { password: "lantern-orchard-93" } }));

  // passwordless: POST {"identifiers", "delivery"} then the link's GET ?token=
  await step("zephrStartPasswordless", 201, await send(browser, news, "POST", "/blaize/token-exchange", { identifiers: { email_address: reader.email }, delivery: { method: "email" } }));
  const link = await mailedLink(reader.email, /^Your sign-in link/, "/signin/link", asked);
  await step("zephrCompletePasswordless", 302, await browser.request(siteUrl(news, `/blaize/token-exchange?token=${link.token}`), { navigation: true }));
  await step("zephrCompletePasswordless", 400, await browser.request(siteUrl(news, "/blaize/token-exchange"), { navigation: true })); // 400
}
