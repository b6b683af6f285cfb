// Integration: the admin console's "send a password-reset link" against the real database.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ACCOUNT_MAIL_PER_ACCOUNT } from "@/lib/security/rate-limits";
import { sendPasswordResetLink } from "./password-reset";

const tag = randomUUID().slice(0, 8);
const org = await db.organization.create({ data: { slug: `reset-${tag}`, name: `Reset ${tag}`, authHost: `auth.reset${tag}.test` } });
const other = await db.organization.create({ data: { slug: `reset-other-${tag}`, name: `Other ${tag}`, authHost: `auth.other${tag}.test` } });
const site = await db.site.create({ data: { orgId: org.id, slug: "news", name: "News", logoText: "NEWS", callbackUrl: `https://news-${tag}.example/sso/callback` } });
const staff = await db.staff.create({ data: { email: `staff-${tag}@example.test`, name: "Staff", passwordHash: "x" } });
afterAll(async () => {
  await db.organization.deleteMany({ where: { id: { in: [org.id, other.id] } } });
  await db.staff.delete({ where: { id: staff.id } });
});

const actor = { orgId: org.id, actorStaffId: staff.id, ip: "127.0.0.1" };

describe("sendPasswordResetLink (admin)", () => {
  it("writes a reset mail to the reader (with a fresh reset link), and audits which staff member sent it", async () => {
    const reader = await db.reader.create({ data: { orgId: org.id, email: `r-${randomUUID().slice(0, 8)}@example.test`, passwordHash: "x" } });
    expect(await sendPasswordResetLink({ siteId: site.id, readerId: reader.id, actor })).toEqual({ sent: true });
    expect(await db.outboxMail.count({ where: { toAddress: reader.email, kind: "reader.password_reset", siteId: site.id } })).toBe(1);
    expect(await db.readerEmailLink.count({ where: { readerId: reader.id, purpose: "reset_password", usedAt: null, voidedAt: null } })).toBe(1);
    const event = await db.auditEvent.findFirst({ where: { readerId: reader.id, type: "reader.password_reset_requested" } });
    expect(event?.actorStaffId).toBe(actor.actorStaffId);
  });

  it("a reader or site of another organisation is not found", async () => {
    const stranger = await db.reader.create({ data: { orgId: other.id, email: `s-${randomUUID().slice(0, 8)}@example.test`, passwordHash: "x" } });
    await expect(sendPasswordResetLink({ siteId: site.id, readerId: stranger.id, actor })).rejects.toMatchObject({ code: "not_found" });
    expect(await db.outboxMail.count({ where: { toAddress: stranger.email } })).toBe(0);
  });

  it(`the per-account mail budget holds for admins too: past ${ACCOUNT_MAIL_PER_ACCOUNT.limit} an hour, 429`, async () => {
    const reader = await db.reader.create({ data: { orgId: org.id, email: `b-${randomUUID().slice(0, 8)}@example.test`, passwordHash: "x" } });
    for (let i = 0; i < ACCOUNT_MAIL_PER_ACCOUNT.limit; i++) await sendPasswordResetLink({ siteId: site.id, readerId: reader.id, actor });
    await expect(sendPasswordResetLink({ siteId: site.id, readerId: reader.id, actor })).rejects.toMatchObject({ code: "rate_limited" });
  });
});
