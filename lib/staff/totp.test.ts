import { describe, expect, it } from "vitest";
import { TOTP, Secret } from "otpauth";
import { generateTotpSecret, matchTotpStep, openTotpSecret, sealTotpSecret, totpQrSvg, totpUri } from "./totp";

function codeAt(secret: string, timestamp: number): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30, timestamp });
}

describe("TOTP (RFC 6238)", () => {
  it("matches the RFC 6238 test vector (SHA-1, T = 59 s) on its time step", () => {
    const rfcSecret = new Secret({ buffer: new TextEncoder().encode("12345678901234567890").buffer as ArrayBuffer }).base32;
    // The RFC's 8-digit value is 94287082; six digits are its last six.
    expect(matchTotpStep({ secretBase32: rfcSecret, code: "287082", nowMs: 59_000 })).toBe(1);
  });

  it("accepts a code one step either side of now (clock drift) and nothing further", () => {
    const secret = generateTotpSecret();
    const now = 1_800_000_000_000;
    expect(matchTotpStep({ secretBase32: secret, code: codeAt(secret, now - 30_000), nowMs: now })).toBe(Math.floor(now / 30_000) - 1);
    expect(matchTotpStep({ secretBase32: secret, code: codeAt(secret, now + 30_000), nowMs: now })).toBe(Math.floor(now / 30_000) + 1);
    expect(matchTotpStep({ secretBase32: secret, code: codeAt(secret, now - 90_000), nowMs: now })).toBeNull();
    expect(matchTotpStep({ secretBase32: secret, code: "12345", nowMs: now })).toBeNull();
  });

  it("a TOTP secret is stored sealed: the stored bytes do not contain it, and only this AUTH_SECRET opens them", () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const sealed = sealTotpSecret(secret);
    expect(Buffer.from(sealed).toString("latin1")).not.toContain(secret);
    expect(openTotpSecret(sealed)).toBe(secret);
    const tampered = new Uint8Array(sealed);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    expect(openTotpSecret(tampered)).toBeNull();
  });

  it("renders the otpauth URI as an SVG QR code", () => {
    const uri = totpUri(generateTotpSecret(), "someone@example.test");
    expect(uri).toMatch(/^otpauth:\/\/totp\/multisite-sso:someone%40example\.test\?/);
    expect(totpQrSvg(uri)).toMatch(/^<svg[\s\S]*<\/svg>$/);
  });
});
