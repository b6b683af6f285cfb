import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyNextAuthCsrf } from "./verify-next-auth-csrf";

const secret = "s".repeat(40);
const token = "a1b2c3";
const cookie = `${token}|${createHash("sha256").update(`${token}${secret}`).digest("hex")}`;

describe("next-auth CSRF double submit", () => {
  it("accepts the form token that matches a cookie minted with our secret", () => {
    expect(verifyNextAuthCsrf({ cookieValue: encodeURIComponent(cookie), formToken: token, secret })).toBe(true);
  });
  it("refuses a wrong form token, a missing cookie, or a cookie minted with another secret", () => {
    expect(verifyNextAuthCsrf({ cookieValue: cookie, formToken: "nope", secret })).toBe(false);
    expect(verifyNextAuthCsrf({ cookieValue: undefined, formToken: token, secret })).toBe(false);
    expect(verifyNextAuthCsrf({ cookieValue: cookie, formToken: token, secret: "other".repeat(10) })).toBe(false);
    expect(verifyNextAuthCsrf({ cookieValue: `${token}|forged`, formToken: token, secret })).toBe(false);
  });
});
