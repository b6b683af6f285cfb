import { describe, expect, it } from "vitest";
import { generateSecret, hashSecret, isWellFormedSecret, secretsEqual } from "./secrets";

describe("secrets", () => {
  it("are at least 256 random bits, base64url, and never repeat", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const secret = generateSecret();
      expect(Buffer.from(secret, "base64url").length).toBeGreaterThanOrEqual(32);
      expect(isWellFormedSecret(secret)).toBe(true);
      seen.add(secret);
    }
    expect(seen.size).toBe(1000);
  });

  it("are stored as their SHA-256, which is not the secret", () => {
    const secret = generateSecret();
    const hash = hashSecret(secret);
    expect(hash.length).toBe(32);
    expect(Buffer.from(hash).toString("base64url")).not.toBe(secret);
    expect(Buffer.from(hashSecret(secret))).toEqual(Buffer.from(hash));
  });

  it("refuses malformed values before any lookup", () => {
    for (const bad of ["", "short", `${generateSecret()}x`, "a".repeat(42) + "!", null, undefined]) {
      expect(isWellFormedSecret(bad)).toBe(false);
    }
  });

  it("compares in constant time and still tells equal from different", () => {
    const secret = generateSecret();
    expect(secretsEqual(secret, `${secret}`)).toBe(true);
    expect(secretsEqual(secret, generateSecret())).toBe(false);
    expect(secretsEqual("", "")).toBe(true);
  });
});
