// The client's IP address, for rate-limit keys and audit events.
//
// NOTE: X-Forwarded-For is a list every hop appends to, and its left part is whatever the
// client chose to send. We assume exactly one trusted reverse proxy (load balancer) in front
// of the app, which appends the address it saw: the LAST entry. Anything to the left of it is
// client-controlled and must not key a rate limit (an attacker would rotate it to dodge the
// limit). Behind several trusted proxies (CDN → load balancer → app) the right answer is the
// entry N from the right; when that becomes a deployment, add a TRUSTED_PROXY_HOPS setting to
// lib/env.ts and use it here. Without any proxy, a client can send X-Forwarded-For itself:
// such a deployment must strip the header at the edge.
//
// IPv6 clients usually control a whole /64; keys built from this value limit one address.

const UNKNOWN = "unknown";

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV4_WITH_PORT = /^([\d.]+):\d{1,5}$/;
const BRACKETED_IPV6 = /^\[([0-9A-Fa-f:.]+)\](?::\d{1,5})?$/;
const IPV6_CHARS = /^[0-9A-Fa-f:.]+$/;
const MAPPED_IPV4 = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/;

/** The canonical (compressed, lower-case) form of an IPv6 address, or null. Uses the WHATWG URL parser, which exists in every runtime. */
function canonicalIpv6(value: string): string | null {
  if (!value.includes(":") || !IPV6_CHARS.test(value)) return null;
  let host: string;
  try {
    host = new URL(`http://[${value}]/`).hostname;
  } catch {
    return null;
  }
  const canonical = host.slice(1, -1);
  // One address, one key: ::ffff:1.2.3.4 is the IPv4 client 1.2.3.4 seen by a dual-stack socket.
  const mapped = MAPPED_IPV4.exec(canonical);
  if (mapped?.[1] && mapped[2]) {
    const high = Number.parseInt(mapped[1], 16);
    const low = Number.parseInt(mapped[2], 16);
    return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  }
  return canonical;
}

/** A single address as a proxy may write it (optionally with a port), normalised; or null. */
export function normalizeIp(raw: string): string | null {
  const value = raw.trim();
  if (IPV4.test(value)) return value;
  const ipv4WithPort = IPV4_WITH_PORT.exec(value);
  if (ipv4WithPort?.[1] && IPV4.test(ipv4WithPort[1])) return ipv4WithPort[1];
  const bracketed = BRACKETED_IPV6.exec(value);
  return canonicalIpv6(bracketed?.[1] ?? value);
}

export function clientIp(headers: Headers): string {
  const forwardedFor = headers.get("x-forwarded-for");
  if (forwardedFor !== null) {
    // Our own proxy's entry is the last one; if it is malformed, we know nothing trustworthy.
    const last = forwardedFor.split(",").at(-1) ?? "";
    if (last.trim() !== "") return normalizeIp(last) ?? UNKNOWN;
  }
  const realIp = headers.get("x-real-ip");
  if (realIp !== null) return normalizeIp(realIp) ?? UNKNOWN;
  return UNKNOWN;
}
