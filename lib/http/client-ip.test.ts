import { describe, expect, it } from "vitest";
import { isFromTrustedProxy, normalizeIp, resolveClientIp } from "./client-ip";
import { rateLimitSubject } from "./ip-address";
import { isTrustedHop, parseTrustedProxies, type TrustedProxies } from "./trusted-proxies";

function policy(setting: string): TrustedProxies {
  const parsed = parseTrustedProxies(setting);
  if ("error" in parsed) throw new Error(parsed.error);
  return parsed;
}

// The last entry is always the socket's peer: server.mjs appends it.
describe("the client address (X-Forwarded-For walked from the right, TRUSTED_PROXIES)", () => {
  it("with no proxy trusted (the default), the socket's peer is the client: a client-sent X-Forwarded-For cannot choose the key or frame another address", () => {
    expect(resolveClientIp("6.6.6.6, 198.51.100.7", policy(""))).toBe("198.51.100.7");
    expect(resolveClientIp("203.0.113.50, 198.51.100.7", policy("none"))).toBe("198.51.100.7");
    expect(resolveClientIp("198.51.100.7", policy("0"))).toBe("198.51.100.7");
  });

  it("with 1 trusted hop (one load balancer), the entry it appended is the client; anything further left is the client's own words", () => {
    expect(resolveClientIp("6.6.6.6, 203.0.113.7, 10.0.0.2", policy("1"))).toBe("203.0.113.7");
  });

  it("with 2 trusted hops (CDN → load balancer), the reader's own address, not the CDN edge's", () => {
    expect(resolveClientIp("6.6.6.6, 203.0.113.7, 192.0.2.10, 10.0.0.2", policy("2"))).toBe("203.0.113.7");
    expect(resolveClientIp("6.6.6.6, 203.0.113.7, 192.0.2.10, 10.0.0.2", policy("1"))).toBe("192.0.2.10");
  });

  it("more trusted hops than the chain holds: the furthest address there is", () => {
    expect(resolveClientIp("203.0.113.7, 10.0.0.2", policy("3"))).toBe("203.0.113.7");
  });

  it("CIDR trust: trusted proxies are skipped wherever they are, and the first untrusted address is the client", () => {
    const trusted = policy("10.0.0.0/8, 192.0.2.0/24, 2001:db8:ffff::/48");
    expect(resolveClientIp("6.6.6.6, 203.0.113.7, 192.0.2.10, 10.0.0.2", trusted)).toBe("203.0.113.7");
    expect(resolveClientIp("6.6.6.6, 2001:db8:1::5, 2001:db8:ffff::1", trusted)).toBe("2001:db8:1::5");
    // An untrusted peer is the client even when it forwards a chain.
    expect(resolveClientIp("203.0.113.7, 198.51.100.9", trusted)).toBe("198.51.100.9");
  });

  it("malformed entries: a trusted hop that wrote no address is the furthest client we can vouch for; a missing or malformed peer is unknown", () => {
    expect(resolveClientIp("evil, 10.0.0.2", policy("1"))).toBe("10.0.0.2");
    expect(resolveClientIp("1.2.3.4, ratelimit:bypass, 10.0.0.2", policy("2"))).toBe("10.0.0.2");
    expect(resolveClientIp(" , 10.0.0.2", policy("1"))).toBe("10.0.0.2");
    expect(resolveClientIp("256.1.1.1, 10.0.0.2", policy("10.0.0.0/8"))).toBe("10.0.0.2");
    expect(resolveClientIp(null, policy("1"))).toBe("unknown");
    expect(resolveClientIp("", policy(""))).toBe("unknown");
    expect(resolveClientIp("1.2.3.4, not-an-address", policy("1"))).toBe("unknown");
  });

  it("X-Real-IP is never believed: only the X-Forwarded-For chain speaks for the client", () => {
    // clientIp reads one header; a client's X-Real-IP changes nothing (checked over HTTP in test/http/client-address.test.ts).
    expect(resolveClientIp("198.51.100.7", policy("1"))).toBe("198.51.100.7");
  });

  it("normalises what it returns: IPv4-mapped IPv6 is the IPv4 client, IPv6 is compressed lower-case, a proxy's port is dropped", () => {
    expect(resolveClientIp("::ffff:203.0.113.7", policy(""))).toBe("203.0.113.7");
    expect(resolveClientIp("2001:DB8:0:0:0:0:0:1", policy(""))).toBe("2001:db8::1");
    expect(resolveClientIp("203.0.113.7:51234, 10.0.0.2", policy("1"))).toBe("203.0.113.7");
  });

  it("X-Forwarded-Proto and friends are believed only from a trusted peer", () => {
    const headers = new Headers({ "x-forwarded-for": "6.6.6.6, 127.0.0.1" });
    expect(isFromTrustedProxy(headers, policy(""))).toBe(false);
    expect(isFromTrustedProxy(headers, policy("1"))).toBe(true);
    expect(isFromTrustedProxy(headers, policy("127.0.0.0/8"))).toBe(true);
    expect(isFromTrustedProxy(headers, policy("10.0.0.0/8"))).toBe(false);
    expect(isFromTrustedProxy(new Headers(), policy("1"))).toBe(false);
  });
});

describe("the TRUSTED_PROXIES setting", () => {
  it("parses none, hop counts and CIDR lists, and refuses anything else", () => {
    expect(policy("")).toEqual({ kind: "none" });
    expect(policy(" none ")).toEqual({ kind: "none" });
    expect(policy("2")).toEqual({ kind: "hops", count: 2 });
    expect(policy("10.0.0.0/8,::1").kind).toBe("cidrs");
    for (const bad of ["11", "10.0.0.0/33", "::/129", "10.0.0.0/8/1", "proxy.internal", "10.0.0.0/x"]) {
      expect(parseTrustedProxies(bad), bad).toHaveProperty("error");
    }
  });

  it("matches addresses by prefix, IPv4 and IPv6 apart", () => {
    const trusted = policy("10.1.0.0/16, 2001:db8::/32, 127.0.0.1");
    expect(isTrustedHop(trusted, "10.1.255.3", 0)).toBe(true);
    expect(isTrustedHop(trusted, "10.2.0.1", 0)).toBe(false);
    expect(isTrustedHop(trusted, "2001:db8:abcd::1", 5)).toBe(true);
    expect(isTrustedHop(trusted, "2001:db9::1", 0)).toBe(false);
    expect(isTrustedHop(trusted, "127.0.0.1", 0)).toBe(true);
    expect(isTrustedHop(trusted, "127.0.0.2", 0)).toBe(false);
    expect(isTrustedHop(policy("0.0.0.0/0"), "203.0.113.7", 0)).toBe(true);
    expect(isTrustedHop(policy("0.0.0.0/0"), "::1", 0)).toBe(false);
  });
});

describe("the rate-limit subject of an address", () => {
  it("counts an IPv6 client by its /64, IPv4 by its address", () => {
    expect(rateLimitSubject("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(rateLimitSubject("2001:db8:1:2:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(rateLimitSubject("::1")).toBe("0:0:0:0::/64");
    expect(rateLimitSubject("203.0.113.7")).toBe("203.0.113.7");
    expect(rateLimitSubject("unknown")).toBe("unknown");
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
