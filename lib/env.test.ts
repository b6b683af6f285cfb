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
});
