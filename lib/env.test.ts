import { describe, expect, it } from "vitest";
import { parseEnvForTest } from "./env";

describe("env", () => {
  it("applies the documented defaults", () => {
    const env = parseEnvForTest({});
    expect(env.PORT).toBe(3000);
    expect(env.ADMIN_HOSTS).toEqual(["admin.localhost"]);
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("parses lists and numbers", () => {
    const env = parseEnvForTest({ PORT: "4000", ADMIN_HOSTS: "Admin.Example.com, admin.localhost" });
    expect(env.PORT).toBe(4000);
    expect(env.ADMIN_HOSTS).toEqual(["admin.example.com", "admin.localhost"]);
  });

  it("refuses an invalid value with a message naming the variable", () => {
    expect(() => parseEnvForTest({ PORT: "seventy" })).toThrow(/PORT/);
    expect(() => parseEnvForTest({ DATABASE_URL: "not a url" })).toThrow(/DATABASE_URL/);
  });

  it("refuses NEXTAUTH_URL: one server answers for many hosts, and next-auth must take each request's own", () => {
    expect(() => parseEnvForTest({ NEXTAUTH_URL: "https://news.example.com" })).toThrow(/NEXTAUTH_URL/);
    expect(parseEnvForTest({ NEXTAUTH_URL: "" }).PORT).toBe(3000);
  });

  it("holds no test-only setting (those are test/test-env.ts's)", () => {
    const parsed = parseEnvForTest({ E2E_PORT: "4100", TEST_APP_PORT: "4100", FUZZ_SEED: "7", TEST_DATABASE_URL: "postgres://x@127.0.0.1/y", CI: "1" });
    for (const name of ["E2E_PORT", "TEST_APP_PORT", "FUZZ_SEED", "FUZZ_RUNS", "TEST_DATABASE_URL", "CHROMIUM_PATH", "CI"]) expect(parsed).not.toHaveProperty(name);
  });
});
