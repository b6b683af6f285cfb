// A handshake run outside the browser (a Node client with its own cookies), stopped before
// the callback: what an attacker holds when they try to push an OTT into someone's browser.
import type { Page } from "@playwright/test";
import { TestBrowser } from "../../test/http/browser";
import { hostUrl } from "./hosts";

export const STATE_COOKIE = "__Host-mss_sso_state";

export async function mintCallbackOutsideBrowser(
  host: string,
  signedInAs?: { host: string; email: string; password: string },
): Promise<{ callbackUrl: URL; stateCookie: string }> {
  const client = new TestBrowser();
  if (signedInAs) await signInOutsideBrowser(client, signedInAs);
  const site = await client.request(hostUrl(host, "/"), { navigation: true });
  const handshake = await client.request(new URL(String(site.headers.location), hostUrl(host)).toString(), { navigation: true });
  const stateCookie = client.cookie(host, STATE_COOKIE);
  if (site.status !== 302 || handshake.status !== 302 || !stateCookie) throw new Error(`no handshake from ${host}: ${site.status}/${handshake.status}`);
  return { callbackUrl: new URL(String(handshake.headers.location)), stateCookie };
}

/**
 * Plants a state cookie on the site the page is on, as if this browser had started that
 * handshake. (Set from script: CDP refuses __Host- cookies over http, and the server reads the
 * cookie by name, whatever its HttpOnly flag.)
 */
export async function plantStateCookie(page: Page, value: string): Promise<void> {
  await page.evaluate((cookie) => {
    document.cookie = cookie;
  }, `${STATE_COOKIE}=${value}; Path=/; Secure; SameSite=Lax; Max-Age=300`);
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
