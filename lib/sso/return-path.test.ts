import { describe, expect, it } from "vitest";
import * as kit from "@/packages/sso-client/src/index";
import { sanitizeReturnPath as appSanitizeReturnPath } from "./return-path";

// The app's cases run against the external-site kit's export too: one rule, and nothing may drift.
describe.each([
  ["the app", appSanitizeReturnPath],
  ["the external-site kit", kit.sanitizeReturnPath],
])("return paths (%s): no open redirect", (_, sanitizeReturnPath) => {
  it.each(["/", "/articles/x", "/articles/x?page=2", "/a/b#c"])("keeps the relative path %s", (path) => {
    expect(sanitizeReturnPath(path)).toBe(path);
  });

  it.each([
    "https://evil.example/",
    "//evil.example/x",
    "/\\evil.example",
    "\\\\evil.example",
    "http:/evil.example",
    "javascript:alert(1)",
    "/%0d%0aLocation:%20https://evil.example".replace("%0d%0a", "\r\n"),
    "evil.example",
    "",
    "/" + "a".repeat(3000),
    "/.//evil.example",
    "/%2e//evil.example",
    "/a/..//evil.example",
    "/%2E%2E//evil.example",
  ])("replaces an off-site or malformed target with / (%s)", (path) => {
    expect(sanitizeReturnPath(path)).toBe("/");
  });

  it("never lets a dot-segment path escape the origin", () => {
    expect(sanitizeReturnPath("/../../evil")).toBe("/evil");
  });
});
