// Integration (real Postgres): the sign-in throttle's rules, through the readers' and staff's
// password checks. Each test uses its own organisation, accounts and addresses.
import { randomInt, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { SIGNIN_FAILURE_PER_ACCOUNT, SIGNIN_FAILURE_PER_ACCOUNT_AND_IP, SIGNIN_FAILURE_PER_IP } from "@/lib/security/rate-limits";
import { authenticateStaff } from "./admin-authenticate-staff";
import { authenticateReader, type AuthenticateResult } from "./authenticate-reader";
import { hashPassword } from "./password";

const PASSWORD = "right-password-for-tests";
let passwordHash: Promise<string> | null = null;

async function createOrgWithReader() {
  const id = randomUUID().slice(0, 8);
  const org = await db.organization.create({ data: { slug: `thr-${id}`, name: "Throttle", authHost: `auth-thr-${id}.test` } });
  passwordHash ??= hashPassword(PASSWORD);
  const reader = await db.reader.create({ data: { orgId: org.id, email: `owner-${id}@example.test`, passwordHash: await passwordHash } });
  return { org, reader };
}

/** A fresh address per call: random in 10/8, so reruns on the same database never meet an old bucket. */
function freshIp(): string {
  const n = randomInt(1, 2 ** 24 - 1);
  return `10.${n >> 16}.${(n >> 8) & 255}.${n & 255}`;
}

const checked = (results: AuthenticateResult[]) => results.filter((r) => !r.ok && r.reason === "invalid_credentials").length;

describe("a failure slot is reserved before the password is checked", () => {
  it("100 parallel wrong guesses from one address reach the password check at most the per-account-and-address limit", async () => {
    const { org, reader } = await createOrgWithReader();
    const ip = freshIp();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => authenticateReader({ orgId: org.id, email: reader.email, password: `wrong-${i}`, ip })),
    );
    expect(checked(results)).toBeLessThanOrEqual(SIGNIN_FAILURE_PER_ACCOUNT_AND_IP.limit);
    expect(checked(results)).toBeGreaterThan(0);
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(100 - checked(results));
    console.log(`[figures] 100 parallel guesses, one address: ${checked(results)} checked, ${100 - checked(results)} refused (limit ${SIGNIN_FAILURE_PER_ACCOUNT_AND_IP.limit})`);
  });

  it("100 parallel wrong guesses from 100 addresses reach the password check at most the per-account limit", async () => {
    const { org, reader } = await createOrgWithReader();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => authenticateReader({ orgId: org.id, email: reader.email, password: `wrong-${i}`, ip: freshIp() })),
    );
    expect(checked(results)).toBeLessThanOrEqual(SIGNIN_FAILURE_PER_ACCOUNT.limit);
    expect(checked(results)).toBeGreaterThan(0);
    console.log(`[figures] 100 parallel guesses, 100 addresses: ${checked(results)} checked, ${100 - checked(results)} refused (limit ${SIGNIN_FAILURE_PER_ACCOUNT.limit})`);
  });

  it("a correct password gives its reserved slots back: the address's count for other accounts is unchanged", async () => {
    const { org, reader } = await createOrgWithReader();
    const ip = freshIp();
    for (let i = 0; i < 3; i++) expect((await authenticateReader({ orgId: org.id, email: reader.email, password: PASSWORD, ip })).ok).toBe(true);
    const bucket = await db.rateLimitBucket.findUnique({ where: { key: `signin-fail:ip:${ip}` } });
    expect(bucket?.count ?? 0).toBe(0);
  });
});

describe("the lockout is per account and address", () => {
  it("someone else's guessing never stops the owner's correct sign-in from another address", async () => {
    const { org, reader } = await createOrgWithReader();
    const attacker = freshIp();
    for (let i = 0; i < SIGNIN_FAILURE_PER_ACCOUNT_AND_IP.limit + 3; i++) {
      await authenticateReader({ orgId: org.id, email: reader.email, password: `guess-${i}`, ip: attacker });
    }
    // The attacker's address is locked out for this account, even with the right password...
    expect(await authenticateReader({ orgId: org.id, email: reader.email, password: PASSWORD, ip: attacker })).toMatchObject({ ok: false, reason: "throttled", scope: "account_address" });
    // ...the owner, elsewhere, is not.
    expect((await authenticateReader({ orgId: org.id, email: reader.email, password: PASSWORD, ip: freshIp() })).ok).toBe(true);
    const lockouts = await db.auditEvent.findMany({ where: { orgId: org.id, type: "auth.lockout", readerId: reader.id } });
    expect(lockouts.map((e) => (e.data as { scope: string }).scope)).toEqual(["account_address"]);
    expect(lockouts[0]?.ip).toBe(attacker);
  });

  it("an address guessing across many accounts is refused for every account (credential stuffing)", async () => {
    const { org } = await createOrgWithReader();
    const ip = freshIp();
    for (let i = 0; i < SIGNIN_FAILURE_PER_IP.limit; i++) {
      expect((await authenticateReader({ orgId: org.id, email: `nobody-${i}@example.test`, password: "x", ip })).ok).toBe(false);
    }
    expect(await authenticateReader({ orgId: org.id, email: "another@example.test", password: "x", ip })).toMatchObject({ reason: "throttled", scope: "address" });
  });
});

describe("past the account's budget, known sources are slowed down, never refused", () => {
  async function exhaustAccount(orgId: string, email: string): Promise<void> {
    // A botnet: every guess from a new address, so no per-address lock applies.
    await Promise.all(Array.from({ length: SIGNIN_FAILURE_PER_ACCOUNT.limit + 5 }, (_, i) => authenticateReader({ orgId, email, password: `botnet-${i}`, ip: freshIp() })));
  }

  it("the owner's browser that signed in before (its device cookie) still signs in, slowed, after a botnet spent the account's budget", async () => {
    const { org, reader } = await createOrgWithReader();
    const before = await authenticateReader({ orgId: org.id, email: reader.email, password: PASSWORD, ip: freshIp() });
    expect(before.ok).toBe(true);
    const deviceSecret = before.ok ? before.newDeviceSecret : null;
    expect(deviceSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);

    await exhaustAccount(org.id, reader.email);
    // A new address and a new browser: refused (the account is under attack).
    expect(await authenticateReader({ orgId: org.id, email: reader.email, password: PASSWORD, ip: freshIp() })).toMatchObject({ reason: "throttled", scope: "account" });
    // The owner's known browser, from yet another address: in, and the slow-down is on record.
    const owner = await authenticateReader({ orgId: org.id, email: reader.email, password: PASSWORD, ip: freshIp(), deviceSecret });
    expect(owner).toMatchObject({ ok: true, newDeviceSecret: null });
    expect(await db.auditEvent.count({ where: { orgId: org.id, type: "auth.signin_slowed", readerId: reader.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { orgId: org.id, type: "auth.lockout", readerId: reader.id } })).toBe(1);
  });

  it("an address the owner signed in from before is a known source too; a known source with a wrong password is still refused its sign-in", async () => {
    const { org, reader } = await createOrgWithReader();
    const home = freshIp();
    expect((await authenticateReader({ orgId: org.id, email: reader.email, password: PASSWORD, ip: home })).ok).toBe(true);
    await exhaustAccount(org.id, reader.email);
    expect(await authenticateReader({ orgId: org.id, email: reader.email, password: "not-it", ip: home })).toEqual({ ok: false, reason: "invalid_credentials" });
    expect((await authenticateReader({ orgId: org.id, email: reader.email, password: PASSWORD, ip: home })).ok).toBe(true);
  });

  it("a device cookie of another account makes no source known", async () => {
    const { org, reader } = await createOrgWithReader();
    const other = await db.reader.create({ data: { orgId: org.id, email: `other-${randomUUID().slice(0, 8)}@example.test`, passwordHash: await (passwordHash ?? hashPassword(PASSWORD)) } });
    const otherSignIn = await authenticateReader({ orgId: org.id, email: other.email, password: PASSWORD, ip: freshIp() });
    const foreignDevice = otherSignIn.ok ? otherSignIn.newDeviceSecret : null;
    await exhaustAccount(org.id, reader.email);
    expect(await authenticateReader({ orgId: org.id, email: reader.email, password: PASSWORD, ip: freshIp(), deviceSecret: foreignDevice })).toMatchObject({ reason: "throttled", scope: "account" });
  });
});

describe("staff sign-ins follow the same rules", () => {
  it("staff: a burst from one address is checked at most 5 times, and the owner signs in from elsewhere", async () => {
    const email = `staff-thr-${randomUUID().slice(0, 8)}@example.test`;
    await db.staff.create({ data: { email, name: "S", passwordHash: await (passwordHash ?? hashPassword(PASSWORD)) } });
    const attacker = freshIp();
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => authenticateStaff({ email, password: `wrong-${i}`, ip: attacker })));
    expect(results.filter((r) => !r.ok && r.reason === "invalid_credentials").length).toBeLessThanOrEqual(SIGNIN_FAILURE_PER_ACCOUNT_AND_IP.limit);
    expect((await authenticateStaff({ email, password: PASSWORD, ip: attacker })).ok).toBe(false);
    expect((await authenticateStaff({ email, password: PASSWORD, ip: freshIp() })).ok).toBe(true);
  });
});
