// Integration: emailed links against the real database.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { consumeEmailLink, consumeEmailLinkByCode, issueEmailLink, peekEmailLink, SIGN_IN_CODE_MAX_ATTEMPTS, voidEmailLinks } from "./email-links";

const tag = randomUUID().slice(0, 8);
const org = await db.organization.create({ data: { slug: `links-${tag}`, name: `Links ${tag}`, authHost: `auth.links${tag}.test` } });
const reader = await db.reader.create({ data: { orgId: org.id, email: `reader-${tag}@example.test`, passwordHash: "x" } });
afterAll(async () => {
  await db.organization.delete({ where: { id: org.id } });
});

const issue = (purpose: "verify_email" | "reset_password" | "sign_in" | "change_email", withCode = false) =>
  db.$transaction((tx) => issueEmailLink(tx, { orgId: org.id, readerId: reader.id, siteId: null, purpose, email: reader.email, withCode }));

describe("emailed links", () => {
  it("an emailed link is single use, even when used twice at once", async () => {
    const { token } = await issue("verify_email");
    const uses = await Promise.all([1, 2, 3].map(() => db.$transaction((tx) => consumeEmailLink(tx, token, "verify_email", org.id))));
    expect(uses.filter(Boolean)).toHaveLength(1);
    expect(await db.$transaction((tx) => peekEmailLink(tx, token, "verify_email", org.id))).toBeNull();
  });

  it("an emailed link is stored only as its hash", async () => {
    const { id, token } = await issue("verify_email");
    const row = await db.readerEmailLink.findUniqueOrThrow({ where: { id } });
    expect(Buffer.from(row.tokenHash).toString("base64url")).not.toBe(token);
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it("an emailed link works only for its purpose", async () => {
    const { token } = await issue("sign_in");
    expect(await db.$transaction((tx) => consumeEmailLink(tx, token, "reset_password", org.id))).toBeNull();
    expect(await db.$transaction((tx) => consumeEmailLink(tx, token, "sign_in", org.id))).toMatchObject({ readerId: reader.id });
  });

  it("a newer link voids the older one of the same purpose, not others", async () => {
    const first = await issue("reset_password");
    const other = await issue("verify_email");
    const second = await issue("reset_password");
    expect(await db.$transaction((tx) => consumeEmailLink(tx, first.token, "reset_password", org.id))).toBeNull();
    expect(await db.$transaction((tx) => peekEmailLink(tx, other.token, "verify_email", org.id))).not.toBeNull();
    expect(await db.$transaction((tx) => consumeEmailLink(tx, second.token, "reset_password", org.id))).not.toBeNull();
  });

  it("voided links cannot be used", async () => {
    const { token } = await issue("reset_password");
    await db.$transaction((tx) => voidEmailLinks(tx, reader.id, ["reset_password"]));
    expect(await db.$transaction((tx) => consumeEmailLink(tx, token, "reset_password", org.id))).toBeNull();
  });

  it("an expired link cannot be used", async () => {
    const { id, token } = await issue("sign_in");
    await db.$executeRaw`UPDATE reader_email_links SET expires_at = now() - interval '1 second' WHERE id = ${id}::uuid`;
    expect(await db.$transaction((tx) => consumeEmailLink(tx, token, "sign_in", org.id))).toBeNull();
  });

  it("an emailed link works only on its own organisation's sites", async () => {
    const { id, token } = await issue("sign_in", true);
    const other = randomUUID();
    expect(await db.$transaction((tx) => peekEmailLink(tx, token, "sign_in", other))).toBeNull();
    expect(await db.$transaction((tx) => consumeEmailLink(tx, token, "sign_in", other))).toBeNull();
    expect(await db.$transaction((tx) => consumeEmailLinkByCode(tx, id, "123456", other))).toMatchObject({ ok: false, reason: "unusable" });
    expect(await db.$transaction((tx) => consumeEmailLink(tx, token, "sign_in", org.id))).not.toBeNull();
  });

  it("garbage tokens never reach a query and are refused", async () => {
    expect(await db.$transaction((tx) => consumeEmailLink(tx, "not a token", "sign_in", org.id))).toBeNull();
  });

  it("a sign-in code works once, and five wrong codes void the link", async () => {
    const good = await issue("sign_in", true);
    expect(good.code).toMatch(/^\d{6}$/);
    const wrong = good.code === "000000" ? "000001" : "000000";
    expect(await db.$transaction((tx) => consumeEmailLinkByCode(tx, good.id, wrong, org.id))).toMatchObject({ ok: false, reason: "wrong_code", attemptsLeft: SIGN_IN_CODE_MAX_ATTEMPTS - 1 });
    expect(await db.$transaction((tx) => consumeEmailLinkByCode(tx, good.id, good.code!, org.id))).toMatchObject({ ok: true });
    expect(await db.$transaction((tx) => consumeEmailLinkByCode(tx, good.id, good.code!, org.id))).toMatchObject({ ok: false, reason: "unusable" });

    const guessed = await issue("sign_in", true);
    const wrongCode = guessed.code === "999999" ? "999998" : "999999";
    for (let attempt = 1; attempt <= SIGN_IN_CODE_MAX_ATTEMPTS; attempt++) await db.$transaction((tx) => consumeEmailLinkByCode(tx, guessed.id, wrongCode, org.id));
    // The right code after five wrong ones: too late, and the link itself is void too.
    expect(await db.$transaction((tx) => consumeEmailLinkByCode(tx, guessed.id, guessed.code!, org.id))).toMatchObject({ ok: false, reason: "unusable" });
    expect(await db.$transaction((tx) => consumeEmailLink(tx, guessed.token, "sign_in", org.id))).toBeNull();
  });
});
