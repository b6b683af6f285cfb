// IP addresses as proxies write them: parsing, the one canonical form (so one address is one
// rate-limit key), bytes and CIDR ranges. Pure; no dependency, so lib/env.ts can use it.

export type CidrRange = { bytes: Uint8Array; prefix: number; text: string };

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

const CANONICAL_IPV6_CHARS = /^[0-9a-f:]+$/;

/** The 4 (IPv4) or 16 (IPv6) bytes of an address in canonical form (normalizeIp's output: IPv6 in hex words, never dotted); null otherwise. */
export function addressBytes(address: string): Uint8Array | null {
  if (IPV4.test(address)) return Uint8Array.from(address.split(".").map(Number));
  if (!address.includes(":") || !CANONICAL_IPV6_CHARS.test(address)) return null;
  const [head = "", tail, ...more] = address.split("::");
  if (more.length > 0) return null;
  const words = (part: string) => (part === "" ? [] : part.split(":"));
  const left = words(head);
  const right = tail === undefined ? [] : words(tail);
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return null;
  const all = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill("0"), ...right];
  const bytes = new Uint8Array(16);
  for (const [i, word] of all.entries()) {
    if (!/^[0-9a-f]{1,4}$/.test(word)) return null;
    const value = Number.parseInt(word, 16);
    bytes[i * 2] = value >> 8;
    bytes[i * 2 + 1] = value & 255;
  }
  return bytes;
}

/** `address` in canonical form inside `range`. Different families never match. */
export function inRange(address: string, range: CidrRange): boolean {
  const bytes = addressBytes(address);
  if (!bytes || bytes.length !== range.bytes.length) return false;
  let bits = range.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 255 : (255 << (8 - bits)) & 255;
    if (((bytes[i] ?? 0) & mask) !== ((range.bytes[i] ?? 0) & mask)) return false;
  }
  return true;
}

/**
 * What a rate limit counts as one client: an IPv4 address, or an IPv6 address's /64 — one
 * subscriber's network usually holds a whole /64, so counting single IPv6 addresses would give
 * one attacker 2^64 buckets. Anything else (e.g. "unknown") is kept as it is.
 */
export function rateLimitSubject(address: string): string {
  const bytes = addressBytes(address);
  if (!bytes || bytes.length !== 16) return address;
  const words = Array.from({ length: 4 }, (_, i) => (((bytes[i * 2] ?? 0) << 8) | (bytes[i * 2 + 1] ?? 0)).toString(16));
  return `${words.join(":")}::/64`;
}
