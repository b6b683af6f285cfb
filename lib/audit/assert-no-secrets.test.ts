import { describe, expect, it } from "vitest";
import { generateSecret } from "@/lib/security/secrets";
import { assertNoSecrets, SecretInAuditDataError } from "./assert-no-secrets";

describe("assertNoSecrets (secrets are never logged)", () => {
  it("accepts ordinary event details, including ids of secret-bearing rows", () => {
    expect(() =>
      assertNoSecrets({
        from: "disabled",
        to: "auto_login",
        ssoTokenId: "0b5e6a9e-7c1f-4d7e-9d1a-2f3b4c5d6e7f",
        reason: "state mismatch",
        sites: [{ slug: "news", enabled: true }],
        returnTo: "/articles/why-the-local-council-voted-against-the-bridge",
        count: 3,
        note: null,
      }),
    ).not.toThrow();
  });

  it("refuses keys that name a secret, at any depth", () => {
    expect(() => assertNoSecrets({ secret: "x" })).toThrow(SecretInAuditDataError);
    expect(() => assertNoSecrets({ nested: { newPassword: "x" } })).toThrow(/data\.nested\.newPassword/);
    expect(() => assertNoSecrets({ list: [{ setCookie: "x" }] })).toThrow(/data\.list\[0\]\.setCookie/);
    expect(() => assertNoSecrets({ rawToken: "x" })).toThrow(SecretInAuditDataError);
    expect(() => assertNoSecrets({ CLIENT_SECRET: 1 })).toThrow(SecretInAuditDataError);
  });

  it("refuses values shaped like our secrets (43-character base64url), at any depth", () => {
    const secret = generateSecret();
    expect(() => assertNoSecrets({ value: secret })).toThrow(SecretInAuditDataError);
    expect(() => assertNoSecrets({ a: { b: [1, secret] } })).toThrow(/data\.a\.b\[1\]/);
  });

  it("refuses a secret embedded in a longer string, such as a callback URL", () => {
    const url = `/sso/callback?ott=${"Ab".repeat(21)}x&state=1`;
    expect(() => assertNoSecrets({ url })).toThrow(SecretInAuditDataError);
  });

  it("never puts the offending value in the error message", () => {
    const secret = generateSecret();
    try {
      assertNoSecrets({ value: secret });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain(secret);
    }
  });

  it("does not mistake other lengths or lower-case slugs embedded in paths for secrets", () => {
    expect(() => assertNoSecrets({ hash: "a".repeat(64), short: "Ab".repeat(21) })).not.toThrow();
    expect(() => assertNoSecrets({ path: `/articles/${"a".repeat(43)}` })).not.toThrow();
  });
});
