// Steps of the mailed-link flows for the HTTP tests: asking for a link, reading it from the
// caught mail (the real SMTP catcher of the run), and what the outbox holds for an address.
import { db } from "@/lib/db/client";
import { codeIn, linkIn, waitForMail } from "@/scripts/mail/caught-mail";
import type { TestBrowser } from "./browser";
import { siteUrl } from "./flows";
import { sessionOf } from "./sso-steps";

export type JsonAnswer = { status: number; body: string; headers: Record<string, unknown>; json: Record<string, unknown> | null };

export function postJsonAs(browser: TestBrowser, host: string, path: string, body: unknown): Promise<JsonAnswer> {
  return browser.json<Record<string, unknown> | null>(siteUrl(host, path), { method: "POST", body }) as Promise<JsonAnswer>;
}

export function askReset(browser: TestBrowser, host: string, email: string) {
  return postJsonAs(browser, host, "/api/account/password-reset", { email });
}

export function completeReset(browser: TestBrowser, host: string, token: string, password: string) {
  return postJsonAs(browser, host, "/api/account/password-reset/complete", { token, password });
}

export function askSignInLink(browser: TestBrowser, host: string, email: string, returnTo?: string) {
  return postJsonAs(browser, host, "/api/account/sign-in-link", { email, ...(returnTo ? { returnTo } : {}) });
}

export function completeSignInLink(browser: TestBrowser, host: string, body: { token: string } | { code: string }) {
  return postJsonAs(browser, host, "/api/account/sign-in-link/complete", body);
}

/** Messages of `kind` written to the outbox for `to` (rows stay once sent; only their bodies are erased). */
export function outboxCount(to: string, kind: string): Promise<number> {
  return db.outboxMail.count({ where: { toAddress: to, kind } });
}

/** The newest caught mail to `to` whose subject matches, written after `after`; its link under `path` and its token. */
export async function mailedLink(to: string, subject: RegExp, path: string, after?: Date) {
  const mail = await waitForMail(to, subject, after ? { after } : {});
  const url = linkIn(mail, path);
  const token = new URL(url).searchParams.get("token");
  if (!token) throw new Error(`no token in ${url}`);
  return { mail, url, token, code: /Code: \d{6}/.test(mail.text) ? codeIn(mail) : null };
}

/**
 * Who this browser is signed in as on `host` (the reader id of its live site session), after a
 * page visit like a reader's (Auto Login applies there). The site session is the truth pages
 * render from; next-auth's own cookie is only set by its Credentials sign-in.
 */
export async function readerSignedIn(browser: TestBrowser, host: string): Promise<string | null> {
  await browser.navigate(siteUrl(host, "/"));
  const session = await sessionOf(browser, host);
  return session && !session.revokedAt ? session.readerId : null;
}
