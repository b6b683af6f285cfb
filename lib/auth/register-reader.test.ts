// Integration (real Postgres): registration is throttled per address and per organisation,
// counted before the argon2 hash.
import { randomInt, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ACCOUNT_MAIL_PER_ADDRESS, REGISTRATION_PER_IP, REGISTRATION_PER_ORG } from "@/lib/security/rate-limits";
import { registerReader } from "./register-reader";

async function createOrg(emailVerification: "required" | "optional" = "optional") {
  const id = randomUUID().slice(0, 8);
  const org = await db.organization.create({ data: { slug: `reg-${id}`, name: "Registration", authHost: `auth-reg-${id}.test`, emailVerification } });
  const site = await db.site.create({ data: { orgId: org.id, slug: "news", name: "News", logoText: "NEWS", callbackUrl: `https://news-${id}.test/sso/callback` } });
  return { id: org.id, siteId: site.id };
}

const mailRows = (orgId: string, to: string) => db.outboxMail.findMany({ where: { orgId, toAddress: to }, select: { kind: true }, orderBy: { createdAt: "asc" } });

const freshIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
const input = (i: number) => ({ email: `new-${randomUUID().slice(0, 8)}-${i}@example.test`, password: "a-long-enough-passphrase" });

describe("registration is throttled (an argon2 hash and an account per request)", () => {
  it("refuses registrations from one address past its limit, creating no account, while another address still registers", async () => {
    const org = await createOrg();
    const ip = freshIp();
    for (let i = 0; i < REGISTRATION_PER_IP.limit; i++) expect((await registerReader({ orgId: org.id, siteId: org.siteId, input: input(i), ip })).ok).toBe(true);
    const refused = await registerReader({ orgId: org.id, siteId: org.siteId, input: input(99), ip });
    expect(refused).toMatchObject({ ok: false, reason: "throttled" });
    expect(await db.reader.count({ where: { orgId: org.id } })).toBe(REGISTRATION_PER_IP.limit);
    expect((await registerReader({ orgId: org.id, siteId: org.siteId, input: input(100), ip: freshIp() })).ok).toBe(true);
  });

  it("refuses registrations to an organisation past its limit, whatever the addresses", async () => {
    const org = await createOrg();
    await db.rateLimitBucket.create({ data: { key: `register:org:${org.id}`, count: REGISTRATION_PER_ORG.limit, windowStart: new Date(), expiresAt: new Date(Date.now() + 600_000) } });
    expect(await registerReader({ orgId: org.id, siteId: org.siteId, input: input(1), ip: freshIp() })).toMatchObject({ ok: false, reason: "throttled" });
    expect(await db.reader.count({ where: { orgId: org.id } })).toBe(0);
  });

  it("counts nothing for a form refused before any hashing (invalid email, weak password)", async () => {
    const org = await createOrg();
    const ip = freshIp();
    expect((await registerReader({ orgId: org.id, siteId: org.siteId, input: { email: "not-an-email", password: "a-long-enough-passphrase" }, ip })).ok).toBe(false);
    expect(await db.rateLimitBucket.findUnique({ where: { key: `register:ip:${ip}` } })).toBeNull();
  });
});

describe("registration answers identically whether or not the email has an account", () => {
  it("under the required policy: the same answer, no second account, the owner mailed instead of the registrant", async () => {
    const org = await createOrg("required");
    const email = `taken-${randomUUID().slice(0, 8)}@example.test`;
    const first = await registerReader({ orgId: org.id, siteId: org.siteId, input: { email, password: "a-long-enough-passphrase" }, ip: freshIp() });
    const again = await registerReader({ orgId: org.id, siteId: org.siteId, input: { email, password: "another-long-passphrase" }, ip: freshIp() });
    expect(first).toEqual({ ok: true, outcome: "check_email" });
    expect(again).toEqual(first);
    expect(await db.reader.count({ where: { orgId: org.id, email } })).toBe(1);
    expect((await mailRows(org.id, email)).map((m) => m.kind)).toEqual(["reader.verify_email", "reader.already_registered"]);
  });

  it("a registration with a taken address never changes the account (its password stays)", async () => {
    const org = await createOrg("required");
    const email = `keep-${randomUUID().slice(0, 8)}@example.test`;
    await registerReader({ orgId: org.id, siteId: org.siteId, input: { email, password: "a-long-enough-passphrase" }, ip: freshIp() });
    const before = await db.reader.findFirstOrThrow({ where: { orgId: org.id, email } });
    await registerReader({ orgId: org.id, siteId: org.siteId, input: { email, password: "an-attackers-passphrase" }, ip: freshIp() });
    const after = await db.reader.findFirstOrThrow({ where: { orgId: org.id, email } });
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.emailVerifiedAt).toBeNull();
  });

  it("a stranger cannot flood a reader's mailbox by registering their address (per-address mail budget; the answer stays the same)", async () => {
    const org = await createOrg("required");
    const email = `flood-${randomUUID().slice(0, 8)}@example.test`;
    await registerReader({ orgId: org.id, siteId: org.siteId, input: { email, password: "a-long-enough-passphrase" }, ip: freshIp() });
    const answers = [];
    for (let i = 0; i < ACCOUNT_MAIL_PER_ADDRESS.limit + 3; i++) {
      answers.push(await registerReader({ orgId: org.id, siteId: org.siteId, input: { email, password: "a-long-enough-passphrase" }, ip: freshIp() }));
    }
    expect(answers.every((a) => a.ok && a.outcome === "check_email")).toBe(true);
    const kinds = (await mailRows(org.id, email)).map((m) => m.kind);
    expect(kinds.filter((k) => k === "reader.already_registered")).toHaveLength(ACCOUNT_MAIL_PER_ADDRESS.limit);
  });

  it("under the optional policy a new account is signed in at once and still gets its verification mail", async () => {
    const org = await createOrg("optional");
    const email = `open-${randomUUID().slice(0, 8)}@example.test`;
    const result = await registerReader({ orgId: org.id, siteId: org.siteId, input: { email, password: "a-long-enough-passphrase" }, ip: freshIp() });
    expect(result).toMatchObject({ ok: true, outcome: "signed_in", reader: { email } });
    expect((await mailRows(org.id, email)).map((m) => m.kind)).toEqual(["reader.verify_email"]);
  });
});
