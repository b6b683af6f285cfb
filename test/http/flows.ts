// Reader actions over HTTP, as a browser performs them, for the HTTP-level tests.
import { appPort, type TestBrowser } from "./browser";

export function siteUrl(host: string, path = "/"): string {
  return `http://${host}:${appPort()}${path}`;
}

/** next-auth's Credentials sign-in: fetch the CSRF token, then post the form. */
export async function signInWithPassword(browser: TestBrowser, host: string, email: string, password: string) {
  const csrf = await browser.json<{ csrfToken: string }>(siteUrl(host, "/api/auth/csrf"));
  const form = new URLSearchParams({ csrfToken: csrf.json.csrfToken, email, password, json: "true", callbackUrl: siteUrl(host, "/") });
  const response = await browser.request(siteUrl(host, "/api/auth/callback/credentials"), {
    method: "POST",
    body: form.toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
    sameOrigin: true,
  });
  return response;
}

export type StatusBody = {
  status: "unknown" | "known" | "authenticated";
  meta: { reader: Record<string, unknown>; hint?: { email?: string; name?: string; site?: string }; promptDismissed?: boolean };
  user: { id: string; email: string; displayName: string | null } | null;
};

export async function ssoStatus(browser: TestBrowser, host: string): Promise<StatusBody> {
  const response = await browser.json<StatusBody>(siteUrl(host, "/api/sso/status"));
  if (response.status !== 200) throw new Error(`status ${response.status}: ${response.body}`);
  return response.json;
}

/** A next-auth Credentials provider's form (sign-in or registration) as the site's own page posts it. */
export async function nextAuthPost(browser: TestBrowser, host: string, provider: "credentials" | "register", fields: Record<string, string>) {
  const csrf = await browser.json<{ csrfToken: string }>(siteUrl(host, "/api/auth/csrf"));
  const response = await browser.request(siteUrl(host, `/api/auth/callback/${provider}`), {
    method: "POST",
    body: new URLSearchParams({ ...fields, csrfToken: csrf.json.csrfToken, json: "true" }).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
    sameOrigin: true,
  });
  const body = JSON.parse(response.body) as { url?: string; status?: string; error?: { code: string; message: string } };
  const error = body.url && !body.status ? new URL(body.url, siteUrl(host)).searchParams.get("error") : null;
  return { status: response.status, error, body, raw: response.body };
}
