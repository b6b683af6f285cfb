// Integration (real Postgres): registration is throttled per address and per organisation,
// counted before the argon2 hash.
import { randomInt, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { REGISTRATION_PER_IP, REGISTRATION_PER_ORG } from "@/lib/security/rate-limits";
import { registerReader } from "./register-reader";

async function createOrg() {
  const id = randomUUID().slice(0, 8);
  return db.organization.create({ data: { slug: `reg-${id}`, name: "Registration", authHost: `auth-reg-${id}.test` } });
}

const freshIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
const input = (i: number) => ({ email: `new-${randomUUID().slice(0, 8)}-${i}@example.test`, password: "a-long-enough-passphrase" });

describe("registration is throttled (an argon2 hash and an account per request)", () => {
  it("refuses registrations from one address past its limit, creating no account, while another address still registers", async () => {
    const org = await createOrg();
    const ip = freshIp();
    for (let i = 0; i < REGISTRATION_PER_IP.limit; i++) expect((await registerReader({ orgId: org.id, input: input(i), ip })).ok).toBe(true);
    const refused = await registerReader({ orgId: org.id, input: input(99), ip });
    expect(refused).toMatchObject({ ok: false, reason: "throttled" });
    expect(await db.reader.count({ where: { orgId: org.id } })).toBe(REGISTRATION_PER_IP.limit);
    expect((await registerReader({ orgId: org.id, input: input(100), ip: freshIp() })).ok).toBe(true);
  });

  it("refuses registrations to an organisation past its limit, whatever the addresses", async () => {
    const org = await createOrg();
    await db.rateLimitBucket.create({ data: { key: `register:org:${org.id}`, count: REGISTRATION_PER_ORG.limit, windowStart: new Date(), expiresAt: new Date(Date.now() + 600_000) } });
    expect(await registerReader({ orgId: org.id, input: input(1), ip: freshIp() })).toMatchObject({ ok: false, reason: "throttled" });
    expect(await db.reader.count({ where: { orgId: org.id } })).toBe(0);
  });

  it("counts nothing for a form refused before any hashing (invalid email, weak password)", async () => {
    const org = await createOrg();
    const ip = freshIp();
    expect((await registerReader({ orgId: org.id, input: { email: "not-an-email", password: "a-long-enough-passphrase" }, ip })).ok).toBe(false);
    expect(await db.rateLimitBucket.findUnique({ where: { key: `register:ip:${ip}` } })).toBeNull();
  });
});
