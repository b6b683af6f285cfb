// The lockout notice goes by mail (issue 16): once per lockout window per account, never to an
// address without an account.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SIGNIN_FAILURE_PER_ACCOUNT_AND_IP } from "@/lib/security/rate-limits";
import { TestBrowser } from "./browser";
import { createTestOrg } from "./factory";
import { signInWithPassword, siteUrl } from "./flows";
import { outboxCount } from "./mail-steps";
import { waitForMail } from "@/scripts/mail/caught-mail";
import { linkIn } from "@/scripts/mail/caught-mail";
import { appPort } from "./browser";

async function lockOutFrom(host: string, email: string): Promise<void> {
  const browser = new TestBrowser();
  await browser.navigate(siteUrl(host, "/"));
  for (let i = 0; i < SIGNIN_FAILURE_PER_ACCOUNT_AND_IP.limit; i++) await signInWithPassword(browser, host, email, `wrong-guess-${i}-xyz`);
}

describe("lockout notice by mail", () => {
  it("a locked-out account gets one mail per lockout window (two addresses locking it out: still one), with a link to reset from the site", async () => {
    const org = await createTestOrg({ mode: "disabled", sites: ["news"] });
    const host = org.site("news").host;
    const reader = await org.createReader();
    await lockOutFrom(host, reader.email);
    await lockOutFrom(host, reader.email);
    expect(await outboxCount(reader.email, "reader.locked_out")).toBe(1);
    const mail = await waitForMail(reader.email, /was paused/);
    expect(linkIn(mail, "/forgot-password")).toBe(`http://${host}:${appPort()}/forgot-password`);
  });

  it("never mails an address without an account", async () => {
    const org = await createTestOrg({ mode: "disabled", sites: ["news"] });
    const unknown = `nobody-${randomUUID().slice(0, 8)}@example.com`;
    await lockOutFrom(org.site("news").host, unknown);
    expect(await outboxCount(unknown, "reader.locked_out")).toBe(0);
  });
});
