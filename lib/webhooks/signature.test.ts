import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateWebhookSecret, signWebhook, verifyWebhookSignature } from "./signature";

describe("webhook signatures (Standard Webhooks)", () => {
  it("is base64 HMAC-SHA256 over '<id>.<timestamp>.<body>' keyed with the secret's bytes, as any receiver computes it", () => {
    const secret = generateWebhookSecret();
    const body = '{"type":"sso.mode_changed"}';
    const expected = createHmac("sha256", Buffer.from(secret.slice(6), "base64")).update(`msg_1.1700000000.${body}`).digest("base64");
    expect(signWebhook({ secret, id: "msg_1", timestamp: 1_700_000_000, body })).toBe(`v1,${expected}`);
  });

  it("verifies in constant time, refusing a changed body, id or timestamp and a stale timestamp (replay)", () => {
    const secret = generateWebhookSecret();
    const body = "{}";
    const signature = signWebhook({ secret, id: "a", timestamp: 1000, body });
    const check = (overrides: Partial<{ id: string; timestamp: string; body: string; now: number }>) =>
      verifyWebhookSignature({ secret, headers: { id: overrides.id ?? "a", timestamp: overrides.timestamp ?? "1000", signature }, body: overrides.body ?? body, nowSeconds: overrides.now ?? 1010 });
    expect(check({})).toBe(true);
    expect(check({ body: "{ }" })).toBe(false);
    expect(check({ id: "b" })).toBe(false);
    expect(check({ timestamp: "1001", now: 1001 })).toBe(false);
    expect(check({ now: 1000 + 301 })).toBe(false);
  });

  it("generates 256-bit secrets with a recognisable prefix, different each time", () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a.slice(6), "base64")).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(a);
  });
});
