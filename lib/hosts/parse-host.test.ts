import { describe, expect, it } from "vitest";
import { parseHost } from "./parse-host";

describe("parseHost", () => {
  it.each([
    ["news.localhost:3000", { hostname: "news.localhost", port: 3000 }],
    ["NEWS.Localhost", { hostname: "news.localhost", port: null }],
    ["auth.acme.example.", { hostname: "auth.acme.example", port: null }],
    ["127.0.0.1:8080", { hostname: "127.0.0.1", port: 8080 }],
    ["[::1]:3000", { hostname: "[::1]", port: 3000 }],
  ])("accepts %s", (raw, expected) => {
    expect(parseHost(raw)).toEqual(expected);
  });

  it.each([
    [null],
    [""],
    ["bad host"],
    ["news.localhost:99999"],
    ["news.localhost:0"],
    ["news.localhost:abc"],
    ["-news.localhost"],
    ["news..localhost"],
    ["news.localhost/evil"],
    ["user@news.localhost"],
    ["x".repeat(400)],
    [`${"a".repeat(64)}.localhost`],
    ["[::1"],
  ])("refuses a malformed Host header: %s", (raw) => {
    expect(parseHost(raw)).toBeNull();
  });
});
