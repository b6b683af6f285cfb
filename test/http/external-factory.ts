// External sites for the HTTP tests: registered with unique ids on a test organisation, with
// the integration kit (packages/sso-client) as their backend would use it, and a handshake
// driven by a TestBrowser up to the external callback (nothing listens there: the test is the
// external site, so it reads the OTT off the redirect and exchanges it itself).
import { randomInt, randomUUID } from "node:crypto";
import { expect } from "vitest";
import { SsoClient, type SsoState } from "@/packages/sso-client/src/index.ts";
import { createLocalhostFetch } from "@/examples/external-site/localhost-fetch.ts";
import { registerExternalSite } from "@/lib/sso/external/site-client";
import { appPort, parseJsonOrNull, type TestBrowser } from "./browser";
import type { TestOrg } from "./factory";
import { rawRequest, type RawResponse } from "./scenarios";

export type TestExternalSite = {
  siteId: string;
  slug: string;
  clientId: string;
  clientSecret: string;
  callbackUrl: string;
  /** The kit, as the external backend uses it (its own IP: rate-limit buckets of one test never touch another's). */
  client: SsoClient;
  ip: string;
  /** A raw server-to-server call to the auth domain, with this site's credentials unless `authorization` is given. */
  call: (path: string, body: unknown, options?: { authorization?: string | null; ip?: string }) => Promise<RawResponse & { json: unknown }>;
};

export function basicAuthorization(clientId: string, clientSecret: string): string {
  return `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`;
}

function randomIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

export async function createTestExternalSite(org: TestOrg, options: { slug?: string } = {}): Promise<TestExternalSite> {
  const tag = randomUUID().slice(0, 8);
  const slug = options.slug ?? `partner-${tag}`;
  const callbackUrl = `http://${slug}.localhost:${appPort() + 1}/callback`;
  const registered = await registerExternalSite({ orgId: org.id, slug, name: `Partner ${tag}`, callbackUrl });
  const ip = randomIp();
  const localhostFetch = createLocalhostFetch();
  const client = new SsoClient({
    authOrigin: `http://${org.authHost}:${appPort()}`,
    siteSlug: slug,
    clientId: registered.clientId,
    clientSecret: registered.clientSecret,
    fetch: (input, init) => localhostFetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers)), "x-forwarded-for": ip } }),
  });
  return {
    siteId: registered.siteId,
    slug,
    clientId: registered.clientId,
    clientSecret: registered.clientSecret,
    callbackUrl,
    client,
    ip,
    async call(path, body, callOptions = {}) {
      const authorization = callOptions.authorization === undefined ? basicAuthorization(registered.clientId, registered.clientSecret) : callOptions.authorization;
      const response = await rawRequest({
        host: org.authHost,
        path,
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": callOptions.ip ?? ip, ...(authorization ? { authorization } : {}) },
        body: JSON.stringify(body),
      });
      return { ...response, json: parseJsonOrNull(response.body) };
    },
  };
}

/** Handshake steps 1–2 for an external site, driven by the browser; returns the callback's query and the state cookie the site would hold. */
export async function externalHandshake(browser: TestBrowser, site: TestExternalSite, returnPath = "/") {
  const started = site.client.startHandshake(returnPath);
  const response = await browser.request(started.url, { navigation: true });
  expect(response.status, `handshake answered ${response.status}: ${response.body.slice(0, 200)}`).toBe(302);
  const location = String(response.headers.location);
  expect(location.startsWith(`${site.callbackUrl}?`), `redirected to the registered callback, got ${location}`).toBe(true);
  const query = new URL(location).searchParams;
  return { query, stateCookie: started.stateCookie, ott: query.get("ott") ?? "", state: query.get("state") ?? "" };
}

/** A full link: handshake + exchange through the kit. */
export async function linkExternal(browser: TestBrowser, site: TestExternalSite): Promise<SsoState> {
  const { query, stateCookie } = await externalHandshake(browser, site);
  const result = await site.client.handleCallback({ query, stateCookie, userAgent: browser.userAgent });
  if (!result.ok) throw new Error(`exchange failed: ${result.reason} ${result.error?.message ?? ""}`);
  return result.state;
}
