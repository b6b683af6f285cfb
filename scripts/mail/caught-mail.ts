// Reading what the test run's mail catcher caught (MAIL_CATCHER_URL, set by `npm test`), for
// the HTTP tests and the Playwright specs: they wait for the message a flow sends, then follow
// its link like a reader would.
import { testEnv } from "@/test/test-env";
import type { CaughtMail } from "./catcher";

export type { CaughtMail };

function catcherUrl(): string {
  if (!testEnv.MAIL_CATCHER_URL) throw new Error("MAIL_CATCHER_URL is not set: run the tests through `npm test` (it starts the mail catcher)");
  return testEnv.MAIL_CATCHER_URL;
}

export async function listCaughtMail(): Promise<CaughtMail[]> {
  const response = await fetch(`${catcherUrl()}/api/messages`);
  if (!response.ok) throw new Error(`the mail catcher answered ${response.status}`);
  return (await response.json()) as CaughtMail[];
}

/** Waits (polling) for a message to `to` whose subject matches; resolves with the newest such. */
export async function waitForMail(to: string, subject: RegExp, options: { timeoutMs?: number; after?: Date } = {}): Promise<CaughtMail> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  const address = to.toLowerCase();
  for (;;) {
    const found = (await listCaughtMail()).find(
      (mail) => mail.to.some((t) => t.toLowerCase() === address) && subject.test(mail.subject) && (!options.after || new Date(mail.receivedAt) >= options.after),
    );
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no mail to ${to} matching ${subject} within ${options.timeoutMs ?? 20_000} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Every mail to `to` caught so far (newest first). */
export async function mailTo(to: string): Promise<CaughtMail[]> {
  const address = to.toLowerCase();
  return (await listCaughtMail()).filter((mail) => mail.to.some((t) => t.toLowerCase() === address));
}

/** The first link in a message's plain text that starts with `prefix` (e.g. the site's origin + path). */
export function linkIn(mail: CaughtMail, pathPart: string): string {
  const link = mail.text.match(/https?:\/\/\S+/g)?.find((url) => url.includes(pathPart));
  if (!link) throw new Error(`no link containing ${pathPart} in "${mail.subject}"`);
  return link;
}

/** The six-digit code in a sign-in mail. */
export function codeIn(mail: CaughtMail): string {
  const code = /Code: (\d{6})/.exec(mail.text)?.[1];
  if (!code) throw new Error(`no code in "${mail.subject}"`);
  return code;
}

/** Takes the catcher's SMTP port away (an SMTP outage) or brings it back. */
export async function setSmtpRunning(running: boolean): Promise<void> {
  const response = await fetch(`${catcherUrl()}/api/smtp/${running ? "start" : "stop"}`, { method: "POST" });
  if (response.status !== 204) throw new Error(`the mail catcher could not ${running ? "start" : "stop"} SMTP: ${response.status}`);
}
