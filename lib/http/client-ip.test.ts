import { describe, expect, it } from "vitest";
import { clientIp, normalizeIp } from "./client-ip";

function headers(values: Record<string, string>): Headers {
  return new Headers(values);
}

describe("clientIp", () => {
  it("takes the last X-Forwarded-For entry (appended by our proxy), not the client-controlled first one", () => {
    expect(clientIp(headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.1, 203.0.113.7" }))).toBe("203.0.113.7");
  });

  it("takes a single X-Forwarded-For entry", () => {
    expect(clientIp(headers({ "x-forwarded-for": " 198.51.100.2 " }))).toBe("198.51.100.2");
  });

  it("prefers X-Forwarded-For over X-Real-IP", () => {
    expect(clientIp(headers({ "x-forwarded-for": "198.51.100.2", "x-real-ip": "192.0.2.1" }))).toBe("198.51.100.2");
  });

  it("falls back to X-Real-IP, then to unknown", () => {
    expect(clientIp(headers({ "x-real-ip": "192.0.2.1" }))).toBe("192.0.2.1");
    expect(clientIp(headers({}))).toBe("unknown");
  });

  it("answers unknown when the trusted entry is not an address (never a client-chosen string as a key)", () => {
    expect(clientIp(headers({ "x-forwarded-for": "1.2.3.4, evil" }))).toBe("unknown");
    expect(clientIp(headers({ "x-forwarded-for": "ratelimit:bypass" }))).toBe("unknown");
    expect(clientIp(headers({ "x-real-ip": "256.1.1.1" }))).toBe("unknown");
    expect(clientIp(headers({ "x-real-ip": "" }))).toBe("unknown");
  });

  it("accepts IPv6 and normalises it, so one address is one rate-limit key", () => {
    expect(clientIp(headers({ "x-forwarded-for": "2001:DB8:0:0:0:0:0:1" }))).toBe("2001:db8::1");
    expect(clientIp(headers({ "x-real-ip": "::1" }))).toBe("::1");
  });
});

describe("normalizeIp", () => {
  it("accepts dotted-quad IPv4 and rejects look-alikes", () => {
    expect(normalizeIp("0.0.0.0")).toBe("0.0.0.0");
    expect(normalizeIp("255.255.255.255")).toBe("255.255.255.255");
    expect(normalizeIp("1.2.3")).toBeNull();
    expect(normalizeIp("01.2.3.4")).toBeNull();
    expect(normalizeIp("1.2.3.4.5")).toBeNull();
    expect(normalizeIp("localhost")).toBeNull();
  });

  it("strips a port a proxy may have written", () => {
    expect(normalizeIp("203.0.113.7:51234")).toBe("203.0.113.7");
    expect(normalizeIp("[2001:db8::1]:443")).toBe("2001:db8::1");
    expect(normalizeIp("[2001:db8::1]")).toBe("2001:db8::1");
  });

  it("maps IPv4-mapped IPv6 to the IPv4 address", () => {
    expect(normalizeIp("::ffff:203.0.113.7")).toBe("203.0.113.7");
  });

  it("rejects malformed IPv6 and anything with URL syntax in it", () => {
    expect(normalizeIp("2001:db8:::1")).toBeNull();
    expect(normalizeIp("::1]/x?[")).toBeNull();
    expect(normalizeIp("fe80::1%eth0")).toBeNull();
    expect(normalizeIp("12345::1")).toBeNull();
  });
});
