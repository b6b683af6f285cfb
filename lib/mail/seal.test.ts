import { describe, expect, it } from "vitest";
import { openMailBody, sealMailBody } from "./seal";

const secret = "a".repeat(40);
const body = { text: "Reset: https://news.localhost/reset?token=abc", html: "<a href=\"https://news.localhost/reset?token=abc\">Reset</a>" };

describe("outbox bodies are sealed at rest", () => {
  it("a sealed body does not contain its link in clear, and opens with the same secret", () => {
    const sealed = sealMailBody(body, secret);
    expect(Buffer.from(sealed).toString("latin1")).not.toContain("token=abc");
    expect(openMailBody(sealed, secret)).toEqual(body);
  });

  it("a body sealed under another secret does not open", () => {
    expect(openMailBody(sealMailBody(body, secret), "b".repeat(40))).toBeNull();
  });

  it("a tampered body does not open", () => {
    const sealed = sealMailBody(body, secret);
    const last = sealed.length - 1;
    sealed[last] = (sealed[last] ?? 0) ^ 1;
    expect(openMailBody(sealed, secret)).toBeNull();
  });

  it("garbage does not open and does not throw", () => {
    expect(openMailBody(new Uint8Array([1, 2, 3]), secret)).toBeNull();
    expect(openMailBody(new Uint8Array(64), secret)).toBeNull();
  });
});
