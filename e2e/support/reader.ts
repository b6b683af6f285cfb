// Reader actions from inside a page, as the site's own scripts would do them (same-origin
// fetches carry the browser's cookies and Origin), without going through the site's forms.
import type { Page } from "@playwright/test";

export async function signInFromPage(page: Page, email: string, password: string): Promise<void> {
  const status = await page.evaluate(
    async ({ email, password }) => {
      const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
      const body = new URLSearchParams({ csrfToken, email, password, json: "true" });
      const response = await fetch("/api/auth/callback/credentials", { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } });
      return response.status;
    },
    { email, password },
  );
  if (status !== 200) throw new Error(`sign-in answered ${status}`);
}

export async function logoutFromPage(page: Page, where?: string): Promise<{ status: number; body: { where?: string } }> {
  return page.evaluate(async (scope) => {
    const response = await fetch("/api/logout", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(scope ? { where: scope } : {}) });
    return { status: response.status, body: await response.json() };
  }, where);
}
