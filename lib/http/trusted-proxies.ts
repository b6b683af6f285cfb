// Which peers may speak for the client (TRUSTED_PROXIES, lib/env.ts), like Express's
// `trust proxy`: nobody (the default), the nearest N hops whoever they are, or the addresses in
// a list of CIDR ranges. Pure: parsing the setting and matching an address against it.
import { addressBytes, inRange, normalizeIp, type CidrRange } from "./ip-address";

export type TrustedProxies = { kind: "none" } | { kind: "hops"; count: number } | { kind: "cidrs"; ranges: readonly CidrRange[] };

/**
 * The setting: "" or "none" → nobody; a whole number → that many hops; otherwise a comma-separated
 * list of addresses and CIDR ranges ("10.0.0.0/8, 2001:db8::/32, 127.0.0.1").
 */
export function parseTrustedProxies(value: string): TrustedProxies | { error: string } {
  const text = value.trim().toLowerCase();
  if (text === "" || text === "none" || text === "0") return { kind: "none" };
  if (/^\d+$/.test(text)) {
    const count = Number(text);
    return count <= 10 ? { kind: "hops", count } : { error: "a hop count is 0..10" };
  }
  const ranges: CidrRange[] = [];
  for (const item of text.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [rawAddress = "", rawPrefix, ...rest] = item.split("/");
    const address = normalizeIp(rawAddress);
    const bytes = address === null ? null : addressBytes(address);
    if (!bytes || rest.length > 0) return { error: `"${item}" is not an address or a CIDR range` };
    const max = bytes.length * 8;
    const prefix = rawPrefix === undefined ? max : /^\d{1,3}$/.test(rawPrefix) ? Number(rawPrefix) : -1;
    if (prefix < 0 || prefix > max) return { error: `"${item}": the prefix length must be 0..${max}` };
    ranges.push({ bytes, prefix, text: item });
  }
  return ranges.length === 0 ? { kind: "none" } : { kind: "cidrs", ranges };
}

/** Whether `address`, the peer `hop` steps from us (0 = our socket's peer), may speak for the client. */
export function isTrustedHop(policy: TrustedProxies, address: string, hop: number): boolean {
  if (policy.kind === "none") return false;
  if (policy.kind === "hops") return hop < policy.count;
  return policy.ranges.some((range) => inRange(address, range));
}
