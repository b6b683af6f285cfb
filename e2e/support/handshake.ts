// A handshake run outside the browser (a Node client with its own cookies), stopped before
// the callback: what an attacker holds when they try to push an OTT into someone's browser.
import type { Page } from "@playwright/test";
import { TestBrowser } from "../../test/http/browser";
import { handshakeStateCookieName } from "@/lib/sso/handshake-state";
import { hostUrl } from "./hosts";

export async function mintCallbackOutsideBrowser(
  host: string,
  signedInAs?: { host: string; email: string; password: string },
): Promise<{ callbackUrl: URL; stateCookie: string }> {
  const client = new TestBrowser();
  if (signedInAs) await signInOutsideBrowser(client, signedInAs);
  const site = await client.request(hostUrl(host, "/"), { navigation: true });
  const handshake = await client.request(new URL(String(site.headers.location), hostUrl(host)).toString(), { navigation: true });
  const callbackUrl = new URL(String(handshake.headers.location));
  const stateCookie = client.cookie(host, handshakeStateCookieName(callbackUrl.searchParams.get("state") ?? "", true));
  if (site.status !== 302 || handshake.status !== 302 || !stateCookie) throw new Error(`no handshake from ${host}: ${site.status}/${handshake.status}`);
  return { callbackUrl, stateCookie };
}

/**
 * Plants a state cookie (`<nonce>.<path>`, under the name its nonce gives it) on the site the
 * page is on, as if this browser had started that handshake. (Set from script: CDP refuses __Host- cookies over http, and the server reads the
 * cookie by name, whatever its HttpOnly flag.)
 */
export async function plantStateCookie(page: Page, value: string): Promise<void> {
  await page.evaluate((cookie) => {
    document.cookie = cookie;
  }, `${handshakeStateCookieName(value.split(".")[0] ?? "", true)}=${value}; Path=/; Secure; SameSite=Lax; Max-Age=300`);
}

/** Signs the Node client in on a site (link first, then next-auth), so its SSO token is authenticated. */
async function signInOutsideBrowser(client: TestBrowser, options: { host: string; email: string; password: string }): Promise<void> {
  await client.navigate(hostUrl(options.host, "/"));
  const csrf = await client.json<{ csrfToken: string }>(hostUrl(options.host, "/api/auth/csrf"));
  const response = await client.request(hostUrl(options.host, "/api/auth/callback/credentials"), {
    method: "POST",
    body: new URLSearchParams({ csrfToken: csrf.json.csrfToken, email: options.email, password: options.password, json: "true" }).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
    sameOrigin: true,
  });
  if (response.status !== 200) throw new Error(`sign-in outside the browser answered ${response.status}`);
}
