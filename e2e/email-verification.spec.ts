// Reader mail in Chromium, read from the run's real SMTP server (scripts/mail/catcher.ts):
// register → the mail arrives → the link is followed → signed in here and, through SSO, on the
// other site; and the outbox through an SMTP outage: registrations keep answering, and every
// message is delivered once SMTP is back, none twice.
import { mkdirSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { testEnv } from "@/test/test-env";
import { linkIn, mailTo, setSmtpRunning, waitForMail } from "@/scripts/mail/caught-mail";
import { expect, test } from "./support/fixtures";
import { hostUrl } from "./support/hosts";

const SHOTS = "test-results/mail-screenshots";
const newEmail = (what: string) => `e2e-${what}-${randomUUID().slice(0, 8)}@example.com`;

test("register → the mail arrives at the local SMTP server → the link verifies and signs in → signed in on the other site too (required policy, Auto Login)", async ({ page, makeOrg }) => {
  test.setTimeout(90_000);
  mkdirSync(SHOTS, { recursive: true });
  const org = await makeOrg("auto_login");
  await db.organization.update({ where: { id: org.id }, data: { emailVerification: "required" } });
  const news = org.site("news").host;
  const sport = org.site("sport").host;
  const email = newEmail("verify");

  await page.goto(hostUrl(news, "/register?return=/articles/welcome"));
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("violet-harbour-27");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/check-email-1280.png`, fullPage: true });

  const mail = await waitForMail(email, /Confirm your email/);
  // The message as a reader sees it (the catcher's web view renders its HTML).
  await page.goto(`${testEnv.MAIL_CATCHER_URL}/messages/${mail.id}`);
  await page.screenshot({ path: `${SHOTS}/mail-verify-email.png`, fullPage: true });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(linkIn(mail, "/verify-email"));
  await expect(page.getByRole("heading", { name: "Confirm your email" })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/verify-email-390.png`, fullPage: true });
  // Phone width: nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.getByRole("button", { name: "Confirm my email" }).click();
  await expect(page).toHaveURL(hostUrl(news, "/articles/welcome"));
  await expect(page.getByTestId("signed-in-as")).toBeVisible();

  await page.goto(hostUrl(sport, "/"));
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  // The back button to the used link: it says the link no longer works, and signs nobody out.
  await page.goto(linkIn(mail, "/verify-email"));
  await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
});

test("the outbox through an SMTP outage: registrations keep answering, every message is delivered once SMTP is back, none twice", async ({ page, makeOrg }) => {
  test.setTimeout(120_000);
  const org = await makeOrg("disabled");
  const emails = [newEmail("outage-a"), newEmail("outage-b"), newEmail("outage-c")];
  await setSmtpRunning(false);
  try {
    for (const [index, email] of emails.entries()) {
      await page.context().clearCookies();
      await page.goto(hostUrl(org.site(index === 1 ? "sport" : "news").host, "/register"));
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill("violet-harbour-27");
      await page.getByRole("button", { name: "Create account" }).click();
      // Optional policy: signed in at once, reminded to confirm; SMTP being down changes nothing here.
      await expect(page.getByTestId("signed-in-as")).toBeVisible();
      await expect(page.getByText("Please confirm your email address")).toBeVisible();
    }
    // The workers tried, failed, and keep the messages for later.
    await expect
      .poll(async () => db.outboxMail.count({ where: { orgId: org.id, state: "pending", attempts: { gte: 1 }, lastError: { not: null } } }), { timeout: 30_000 })
      .toBe(emails.length);
    for (const email of emails) expect(await mailTo(email)).toHaveLength(0);
  } finally {
    await setSmtpRunning(true);
  }
  for (const email of emails) await waitForMail(email, /Confirm your email/, { timeoutMs: 30_000 });
  await expect.poll(async () => db.outboxMail.count({ where: { orgId: org.id, state: "sent" } }), { timeout: 30_000 }).toBe(emails.length);
  for (const email of emails) {
    const received = await mailTo(email);
    expect(received).toHaveLength(1);
  }
  const rows = await db.outboxMail.findMany({ where: { orgId: org.id }, select: { sealedBody: true, attempts: true } });
  expect(rows.every((row) => row.sealedBody === null && row.attempts >= 2)).toBe(true);
});
