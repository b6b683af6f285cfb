// Integration: the outbox against the real database and a real SMTP server (the catcher).
// On a database of its own (test/own-database.ts): the run's server has its own worker, which
// would otherwise claim these messages between a test's write and its pass. Each pass is still
// narrowed to this file's organisation.
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { runTransaction } from "@/lib/db/transaction";
import { startMailCatcher, REJECTED_DOMAIN } from "@/scripts/mail/catcher";
import { enqueueMail, resolveMailFrom } from "./outbox";
import { deliverDueMail, retryDelaySeconds, type RetryPolicy } from "./outbox-worker";
import { createSmtpSender } from "./transport";
import { useOwnDatabase } from "@/test/own-database";

const ownDatabase = await useOwnDatabase("mss_outbox");

const tag = randomUUID().slice(0, 8);
const org = await db.organization.create({ data: { slug: `mail-${tag}`, name: `Mail ${tag}`, authHost: `auth.mail${tag}.test` } });
const site = await db.site.create({
  data: { orgId: org.id, slug: "news", name: "News", logoText: "NEWS", callbackUrl: `https://news.mail${tag}.test/sso/callback` },
});
const catcher = await startMailCatcher();
const smtp = createSmtpSender(catcher.smtpUrl);
// Due again at once after a failure, so a test can run the next pass without waiting.
const noWait: RetryPolicy = { baseSeconds: 0, maxSeconds: 1, maxAttempts: 5 };

afterAll(async () => {
  smtp.close();
  await catcher.stop();
  await db.organization.delete({ where: { id: org.id } });
  await ownDatabase.drop();
});

beforeEach(async () => {
  await db.outboxMail.deleteMany({ where: { orgId: org.id } });
});

function mailTo(to: string, n = 0) {
  return { orgId: org.id, siteId: site.id, kind: "test.message", to, subject: `Message ${n} for ${to}`, body: { text: `Open https://news.mail${tag}.test/link?token=secret-${n}`, html: `<p><a href="https://news.mail${tag}.test/link?token=secret-${n}">Open</a></p>` } };
}

async function enqueue(count: number, prefix: string): Promise<string[]> {
  return runTransaction(async (tx) => {
    const ids: string[] = [];
    for (let n = 0; n < count; n++) ids.push(await enqueueMail(tx, mailTo(`${prefix}-${n}-${tag}@example.test`, n)));
    return ids;
  });
}

const deliver = (policy: RetryPolicy = noWait, limit?: number) => deliverDueMail({ send: smtp.send, policy, limit, orgId: org.id });
const caughtFor = (prefix: string) => catcher.messages().filter((m) => m.to.some((to) => to.startsWith(`${prefix}-`) && to.endsWith(`-${tag}@example.test`)));

describe("mail is written with the change that causes it", () => {
  it("a message written in a transaction that rolls back is never sent", async () => {
    await expect(
      runTransaction(async (tx) => {
        await enqueueMail(tx, mailTo(`rollback-${tag}@example.test`));
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.outboxMail.count({ where: { orgId: org.id } })).toBe(0);
  });

  it("outbox bodies are sealed at rest: the link is not in the row", async () => {
    const [id] = await enqueue(1, "sealed");
    const row = await db.outboxMail.findUniqueOrThrow({ where: { id: id! } });
    expect(Buffer.from(row.sealedBody!).toString("latin1")).not.toContain("secret-0");
    expect(row.state).toBe("pending");
  });

  it("the From is the site's, else the organisation's, else MAIL_FROM", async () => {
    const fallback = await db.$transaction((tx) => resolveMailFrom(tx, org.id, site.id));
    await db.organization.update({ where: { id: org.id }, data: { mailFrom: "Org <org@example.test>" } });
    const orgFrom = await db.$transaction((tx) => resolveMailFrom(tx, org.id, site.id));
    await db.site.update({ where: { id: site.id }, data: { mailFrom: "News <news@example.test>" } });
    const siteFrom = await db.$transaction((tx) => resolveMailFrom(tx, org.id, site.id));
    await db.site.update({ where: { id: site.id }, data: { mailFrom: null } });
    await db.organization.update({ where: { id: org.id }, data: { mailFrom: null } });
    expect([fallback, orgFrom, siteFrom]).toEqual(["multisite-sso <no-reply@localhost>", "Org <org@example.test>", "News <news@example.test>"]);
  });
});

describe("mail that is never lost", () => {
  it("every message reaches the SMTP server exactly once through an SMTP outage, and its body is erased once sent", async () => {
    await catcher.stopSmtp();
    const ids = await enqueue(6, "outage");
    const duringOutage = await deliver();
    expect(duringOutage).toMatchObject({ claimed: 6, sent: 0, retried: 6, dead: 0 });
    const waiting = await db.outboxMail.findMany({ where: { id: { in: ids } } });
    expect(waiting.every((m) => m.state === "pending" && m.attempts === 1 && (m.lastError ?? "").length > 0)).toBe(true);

    await catcher.startSmtp();
    // Three workers at once (three instances): SKIP LOCKED gives each message to one of them.
    const passes = await Promise.all([deliver(noWait, 2), deliver(noWait, 2), deliver(noWait, 2)]);
    const rest = await deliver();
    expect(passes.reduce((sum, p) => sum + p.sent, 0) + rest.sent).toBe(6);

    const caught = caughtFor("outage");
    expect(caught).toHaveLength(6);
    expect(new Set(caught.map((m) => m.messageId)).size).toBe(6);
    expect(caught.map((m) => m.messageId).sort()).toEqual(ids.map((id) => `<${id}@multisite-sso>`).sort());
    const sent = await db.outboxMail.findMany({ where: { id: { in: ids } } });
    expect(sent.every((m) => m.state === "sent" && m.sealedBody === null && m.sentAt !== null && m.attempts === 2)).toBe(true);
  });

  it("two workers never send the same message", async () => {
    const ids = await enqueue(12, "race");
    // Eight workers reaching for the same twelve messages at the same moment.
    const passes = await Promise.all(Array.from({ length: 8 }, () => deliver(noWait, 12)));
    expect(passes.reduce((sum, p) => sum + p.claimed, 0)).toBe(12);
    const caught = caughtFor("race");
    expect(caught).toHaveLength(12);
    expect(new Set(caught.map((m) => m.messageId)).size).toBe(ids.length);
  });

  it("a message another worker is claiming is skipped, neither waited for nor taken twice (SKIP LOCKED)", async () => {
    const ids = await enqueue(3, "locked");
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    let passOver!: () => void;
    const over = new Promise<void>((resolve) => (passOver = resolve));
    // Another worker, mid-claim: it holds the rows' locks until this worker's pass is over.
    // A pass that waited for them would wait for itself (and fail this test by its timeout,
    // or, once the holder gives up, take the rows: claimed 3).
    const holder = db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM mail_outbox WHERE id = ANY(${ids}::uuid[]) FOR UPDATE`;
      holding();
      await over;
    });
    await held;
    const outcome = await deliver().finally(passOver);
    await holder;
    expect(outcome).toMatchObject({ claimed: 0 });
    expect(caughtFor("locked")).toHaveLength(0);
  });

  it("a permanent SMTP refusal dead-letters the message at once", async () => {
    const [id] = await runTransaction(async (tx) => [await enqueueMail(tx, mailTo(`nobody-${tag}@${REJECTED_DOMAIN}`))]);
    expect(await deliver()).toMatchObject({ claimed: 1, dead: 1 });
    const row = await db.outboxMail.findUniqueOrThrow({ where: { id: id! } });
    expect(row.state).toBe("dead");
    expect(row.attempts).toBe(1);
    expect(row.lastError).toContain("550");
  });

  it("a message out of attempts is dead-lettered, with the last error for the admin", async () => {
    await catcher.stopSmtp();
    try {
      const [id] = await enqueue(1, "attempts");
      const policy = { ...noWait, maxAttempts: 2 };
      expect(await deliver(policy)).toMatchObject({ retried: 1 });
      expect(await deliver(policy)).toMatchObject({ dead: 1 });
      const row = await db.outboxMail.findUniqueOrThrow({ where: { id: id! } });
      expect(row).toMatchObject({ state: "dead", attempts: 2 });
      expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
    } finally {
      await catcher.startSmtp();
    }
  });

  it("a message claimed by a worker that died is sent when its lease runs out, not before", async () => {
    const [id] = await enqueue(1, "lease");
    await db.$executeRaw`UPDATE mail_outbox SET state = 'sending', attempts = 1, locked_until = now() + interval '1 minute' WHERE id = ${id}::uuid`;
    expect(await deliver()).toMatchObject({ claimed: 0 });
    await db.$executeRaw`UPDATE mail_outbox SET locked_until = now() - interval '1 second' WHERE id = ${id}::uuid`;
    expect(await deliver()).toMatchObject({ claimed: 1, sent: 1 });
    expect(caughtFor("lease")).toHaveLength(1);
  });

  it("a message not yet due waits", async () => {
    const [id] = await enqueue(1, "later");
    await db.$executeRaw`UPDATE mail_outbox SET next_attempt_at = now() + interval '1 hour' WHERE id = ${id}::uuid`;
    expect(await deliver()).toMatchObject({ claimed: 0 });
  });

  it("a body sealed under another AUTH_SECRET is dead-lettered, not sent", async () => {
    const [id] = await enqueue(1, "foreign");
    await db.$executeRaw`UPDATE mail_outbox SET sealed_body = ${new Uint8Array(64)} WHERE id = ${id}::uuid`;
    expect(await deliver()).toMatchObject({ dead: 1 });
    expect(caughtFor("foreign")).toHaveLength(0);
  });
});

describe("retry backoff", () => {
  const policy = { baseSeconds: 10, maxSeconds: 3_600, maxAttempts: 20 };
  it("doubles from the base, capped, with ±20 % jitter", () => {
    expect(retryDelaySeconds(1, policy, () => 0.5)).toBe(10);
    expect(retryDelaySeconds(4, policy, () => 0.5)).toBe(80);
    expect(retryDelaySeconds(30, policy, () => 0.5)).toBe(3_600);
    expect(retryDelaySeconds(1, policy, () => 0)).toBe(8);
    expect(retryDelaySeconds(1, policy, () => 1)).toBeCloseTo(12, 9);
  });
});
