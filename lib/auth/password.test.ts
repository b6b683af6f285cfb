import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("hashes with argon2id at m=19456 KiB, t=2, p=1 (OWASP recommendation)", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("verifies the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("s3cret-password");
    expect(await verifyPassword(hash, "s3cret-password")).toBe(true);
    expect(await verifyPassword(hash, "s3cret-passwore")).toBe(false);
  });

  it("treats a malformed stored hash as a wrong password, not an error", async () => {
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
  });
});
