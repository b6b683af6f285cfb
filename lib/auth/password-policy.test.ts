import { describe, expect, it } from "vitest";
import { checkPasswordStrength } from "./password-policy";

describe("password policy", () => {
  it("accepts a long, unremarkable password", () => {
    expect(checkPasswordStrength("violet-harbour-27", { email: "ada@example.com" })).toBeNull();
  });
  it.each([
    ["short", "Your password needs at least"],
    ["password123", "too common"],
    ["aaaaaaaaaaaa", "repeat"],
    ["ada.lovelace-1815", "email"],
  ])("refuses %s", (password, message) => {
    expect(checkPasswordStrength(password, { email: "ada.lovelace@example.com" })).toContain(message);
  });
});
