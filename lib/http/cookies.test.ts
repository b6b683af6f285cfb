import { describe, expect, it } from "vitest";
import { isSecureRequest } from "./cookies";

const auto = (nodeEnv: "production" | "development" | "test") => ({ cookieSecure: "auto" as const, nodeEnv });

describe("COOKIE_SECURE=auto", () => {
  it("in production, cookies are Secure even over plain http on a real host: a TLS proxy that sends no X-Forwarded-Proto must not downgrade them", () => {
    expect(isSecureRequest({ hostname: "news.example.com", protocol: "http:" }, auto("production"))).toBe(true);
  });

  it("under https (a trusted proxy's word), cookies are Secure in every environment", () => {
    expect(isSecureRequest({ hostname: "news.example.com", protocol: "https:" }, auto("development"))).toBe(true);
  });

  it("on localhost and *.localhost, cookies are Secure over plain http (browsers keep them there), so the demo and the tests run the production policy", () => {
    expect(isSecureRequest({ hostname: "news.localhost", protocol: "http:" }, auto("development"))).toBe(true);
    expect(isSecureRequest({ hostname: "localhost", protocol: "http:" }, auto("test"))).toBe(true);
  });

  it("only development over plain http on a real name gets cookies without Secure (a browser would drop them)", () => {
    expect(isSecureRequest({ hostname: "news.example.com", protocol: "http:" }, auto("development"))).toBe(false);
    expect(isSecureRequest({ hostname: "localhost.example.com", protocol: "http:" }, auto("test"))).toBe(false);
  });

  it("always and never override everything", () => {
    expect(isSecureRequest({ hostname: "news.example.com", protocol: "http:" }, { cookieSecure: "always", nodeEnv: "development" })).toBe(true);
    expect(isSecureRequest({ hostname: "news.localhost", protocol: "https:" }, { cookieSecure: "never", nodeEnv: "production" })).toBe(false);
  });
});
