// The console's side of mail over HTTP (issue 16): the mail settings (verification policy,
// emailed-link sign-in, the organisation's From), the reader detail's mail actions, and the
// delivery log's Retry of a dead letter, delivered to the run's SMTP catcher.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { enqueueMail } from "@/lib/mail/outbox";
import { waitForMail } from "@/scripts/mail/caught-mail";
import { TestBrowser } from "./browser";
import { createTestOrg, type TestOrg } from "./factory";
import { adminUrl, createTestStaff, signedInStaff } from "./admin-support";

async function staffBrowser(org: { id: string }, role: "owner" | "admin" | "viewer") {
  const staff = await createTestStaff([{ orgId: org.id, role }]);
  const browser = new TestBrowser();
  await signedInStaff(browser, staff);
  return { staff, browser };
}

type ErrorJson = { error?: { code: string; message: string } };
const errorShape = (code: string) => ({ error: { code, message: expect.any(String) } });

function post(browser: TestBrowser, path: string, body?: unknown) {
  return browser.json<ErrorJson & Record<string, unknown>>(adminUrl(path), { method: "POST", body: body ?? {} });
}

/** A message of the organisation that failed for good (the worker's dead letter), set up directly. */
async function deadLetter(org: TestOrg, to: string): Promise<string> {
  // Dead in the transaction that writes it, so the server's worker never sees it pending.
  return db.$transaction(async (tx) => {
    const id = await enqueueMail(tx, { orgId: org.id, siteId: org.site("news").id, kind: "reader.test_dead_letter", to, subject: "A message that died", body: { text: "Hello again.", html: "<p>Hello again.</p>" } });
    await tx.outboxMail.update({ where: { id }, data: { state: "dead", attempts: 20, lastError: "550 mailbox unavailable" } });
    return id;
  });
}

describe("mail settings", () => {
  it("a mail From that is not one RFC 5322 mailbox is refused 400 in the error shape (a line break cannot add headers)", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser } = await staffBrowser(org, "admin");
    for (const mailFrom of ["not an address", "News <news@example.com>\r\nBcc: all@example.com", "a@example.com, b@example.com"]) {
      const response = await browser.json(adminUrl(`/api/orgs/${org.slug}/sso`), { method: "PUT", body: { mode: "auto_login", mailFrom } });
      expect(response.status).toBe(400);
      expect(response.json).toEqual(errorShape("validation_failed"));
    }
    expect((await db.organization.findUniqueOrThrow({ where: { id: org.id } })).mailFrom).toBeNull();
  });

  it("saves the verification policy, the emailed-link switch and the From, one audit row each; an empty From means MAIL_FROM", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser, staff } = await staffBrowser(org, "owner");
    const saved = await browser.json<Record<string, unknown>>(adminUrl(`/api/orgs/${org.slug}/sso`), {
      method: "PUT",
      body: { mode: "auto_login", emailVerification: "required", emailLinkSignIn: false, mailFrom: " Acme News <news@acme.example> " },
    });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ emailVerification: "required", emailLinkSignIn: false, mailFrom: "Acme News <news@acme.example>" });
    const rows = await db.auditEvent.findMany({ where: { orgId: org.id, type: "sso.settings_changed" }, select: { actorStaffId: true, data: true } });
    expect(rows.map((r) => (r.data as { field: string }).field).sort()).toEqual(["emailLinkSignIn", "emailVerification", "mailFrom"]);
    expect(rows.every((r) => r.actorStaffId === staff.id)).toBe(true);
    const cleared = await browser.json<Record<string, unknown>>(adminUrl(`/api/orgs/${org.slug}/sso`), { method: "PUT", body: { mode: "auto_login", mailFrom: "" } });
    expect(cleared.json.mailFrom).toBe("");
    expect((await db.organization.findUniqueOrThrow({ where: { id: org.id } })).mailFrom).toBeNull();
  });
});

describe("reader mail actions", () => {
  it("a viewer may not resend a verification, send a reset link or retry a dead letter (403)", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const reader = await org.createReader();
    const mailId = await deadLetter(org, `viewer-check-${reader.id.slice(0, 8)}@example.com`);
    const { browser } = await staffBrowser(org, "viewer");
    for (const path of [`/api/orgs/${org.slug}/readers/${reader.id}/verification`, `/api/orgs/${org.slug}/readers/${reader.id}/password-reset`]) {
      const response = await post(browser, path, { siteSlug: "news" });
      expect(response.status).toBe(403);
      expect(response.json).toEqual(errorShape("forbidden"));
    }
    const retry = await post(browser, `/api/orgs/${org.slug}/mail/${mailId}/retry`);
    expect(retry.status).toBe(403);
    expect((await db.outboxMail.findUniqueOrThrow({ where: { id: mailId } })).state).toBe("dead");
    // Nor do the pages offer them.
    const mailPage = await browser.navigate(adminUrl(`/orgs/${org.slug}/identity/mail`));
    expect(mailPage.status).toBe(200);
    expect(mailPage.body).toContain(`data-mail-id="${mailId}"`);
    expect(mailPage.body).not.toContain(">Retry<");
  });

  it("an admin resends the verification to land on the chosen site; audited with the staff actor", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news", "sport"] });
    const reader = await org.createReader();
    const { browser, staff } = await staffBrowser(org, "admin");
    const detail = await browser.navigate(adminUrl(`/orgs/${org.slug}/readers/${reader.id}`));
    expect(detail.body).toContain("email not confirmed");
    expect(detail.body).toContain("Resend verification");
    const response = await post(browser, `/api/orgs/${org.slug}/readers/${reader.id}/verification`, { siteSlug: "sport" });
    expect(response.status).toBe(200);
    const mail = await waitForMail(reader.email, /Confirm your email/);
    expect(mail.text).toContain(`http://${org.site("sport").host}:`);
    const event = await db.auditEvent.findFirstOrThrow({ where: { orgId: org.id, type: "admin.verification_resent" } });
    expect(event).toMatchObject({ actorStaffId: staff.id, readerId: reader.id, siteId: org.site("sport").id });
    expect((await post(browser, `/api/orgs/${org.slug}/readers/${reader.id}/verification`, { siteSlug: "nowhere" })).status).toBe(404);
  });
});

describe("delivery log", () => {
  it("retrying a dead letter puts it back to pending with its attempts reset, and the worker delivers it", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const to = `dead-${org.slug}@example.com`;
    const mailId = await deadLetter(org, to);
    const { browser, staff } = await staffBrowser(org, "admin");
    const page = await browser.navigate(adminUrl(`/orgs/${org.slug}/identity/mail?state=dead`));
    expect(page.body).toContain(`data-mail-id="${mailId}" data-mail-state="dead"`);
    expect(page.body).toContain("550 mailbox unavailable");
    expect(page.body).not.toContain("Hello again."); // never the body
    const retried = await post(browser, `/api/orgs/${org.slug}/mail/${mailId}/retry`);
    expect(retried.status).toBe(200);
    const delivered = await waitForMail(to, /A message that died/);
    expect(delivered.text).toContain("Hello again.");
    await expect.poll(async () => (await db.outboxMail.findUniqueOrThrow({ where: { id: mailId } })).state).toBe("sent");
    expect((await db.outboxMail.findUniqueOrThrow({ where: { id: mailId } })).attempts).toBe(1);
    expect(await db.auditEvent.count({ where: { orgId: org.id, type: "mail.retried", actorStaffId: staff.id } })).toBe(1);
    // Only a dead letter: a sent one would go twice.
    const again = await post(browser, `/api/orgs/${org.slug}/mail/${mailId}/retry`);
    expect(again.status).toBe(409);
    expect(again.json).toEqual(errorShape("conflict"));
  });

  it("a message of another organisation cannot be retried from this one (404)", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const other = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const foreign = await deadLetter(other, `foreign-${other.slug}@example.com`);
    const { browser } = await staffBrowser(org, "owner");
    expect((await post(browser, `/api/orgs/${org.slug}/mail/${foreign}/retry`)).status).toBe(404);
    expect((await db.outboxMail.findUniqueOrThrow({ where: { id: foreign } })).state).toBe("dead");
  });
});
