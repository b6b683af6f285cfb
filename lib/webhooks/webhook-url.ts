// Which URLs a webhook may call (SSRF). The console lets an owner type any URL, and the server
// then POSTs to it from inside the network: without a rule, "http://169.254.169.254/…" or
// "http://10.0.0.5:5432" would let the console reach what only the server can. So:
// - when saved: https only, no credentials or fragment, and a literal address must be public;
// - at every delivery: the hostname is resolved and EVERY address must be public, and the
//   connection goes to the address that was checked (the socket's lookup is this check), so a
//   DNS answer that changes between check and connect (rebinding) gains nothing.
// Tests need a receiver on 127.0.0.1: WEBHOOK_ALLOW_PRIVATE_HOSTS (lib/env.ts) names hosts
// exempt from both rules (and allowed over http). It is unset in production.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import { z } from "zod";
import { env } from "@/lib/env";
import { addressBytes, normalizeIp } from "@/lib/http/ip-address";

/** [first bytes, prefix length] of every range that is not the public internet. */
const NON_PUBLIC_V4: [number[], number][] = [
  [[0], 8], [[10], 8], [[100, 64], 10], [[127], 8], [[169, 254], 16], [[172, 16], 12], [[192, 0, 0], 24], [[192, 0, 2], 24],
  [[192, 88, 99], 24], [[192, 168], 16], [[198, 18], 15], [[198, 51, 100], 24], [[203, 0, 113], 24], [[224], 4], [[240], 4],
];
const NON_PUBLIC_V6: [number[], number][] = [
  [[], 128], // ::
  [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 128], // ::1
  [[0x00, 0x64, 0xff, 0x9b], 96], // 64:ff9b::/96 (NAT64 reaches IPv4, including private)
  [[0x01, 0x00], 64], // discard
  [[0x20, 0x01, 0x0d, 0xb8], 32], // documentation
  [[0xfc], 7], // unique local
  [[0xfe, 0x80], 10], // link local
  [[0xff], 8], // multicast
];

function matches(bytes: Uint8Array, prefixBytes: number[], prefix: number): boolean {
  let bits = prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 255 : (255 << (8 - bits)) & 255;
    if (((bytes[i] ?? 0) & mask) !== ((prefixBytes[i] ?? 0) & mask)) return false;
  }
  return true;
}

/** Whether an address (any notation) is on the public internet. Unparseable: not public. */
export function isPublicAddress(raw: string): boolean {
  const address = normalizeIp(raw);
  const bytes = address ? addressBytes(address) : null;
  if (!bytes) return false;
  const ranges = bytes.length === 4 ? NON_PUBLIC_V4 : NON_PUBLIC_V6;
  return !ranges.some(([prefixBytes, prefix]) => matches(bytes, prefixBytes, prefix));
}

function bareHostname(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
}

export function isAllowedPrivateHost(hostname: string, allowList: readonly string[] = env.WEBHOOK_ALLOW_PRIVATE_HOSTS): boolean {
  return allowList.includes(hostname.toLowerCase());
}

/** Why a webhook URL may not be saved, or null. */
export function webhookUrlProblem(value: string, allowList: readonly string[] = env.WEBHOOK_ALLOW_PRIVATE_HOSTS): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "not an absolute URL";
  }
  if (url.username || url.password || url.hash) return "a webhook URL has no credentials or fragment";
  const host = bareHostname(url);
  const exempt = isAllowedPrivateHost(host, allowList);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && exempt)) return "a webhook URL must be https";
  if (exempt) return null;
  if (isIP(host) !== 0 && !isPublicAddress(host)) return "a webhook may not target a loopback, private or reserved address";
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".internal") || host.endsWith(".local") || !host.includes(".")) {
    return "a webhook may not target a local host name";
  }
  return null;
}

export const webhookUrlSchema = z
  .string()
  .max(2048)
  .superRefine((value, context) => {
    const problem = webhookUrlProblem(value);
    if (problem) context.addIssue({ code: "custom", message: problem });
  });

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
type Resolve = (hostname: string, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

const defaultResolve: Resolve = (hostname, callback) => dnsLookup(hostname, { all: true }, callback);

/**
 * A `lookup` for node:http(s) that connects only to public addresses (or to any address of an
 * allow-listed host). Every address DNS returns must be public: one private answer refuses the
 * host, so a round-robin cannot smuggle one in.
 */
export function publicOnlyLookup(allowList: readonly string[] = env.WEBHOOK_ALLOW_PRIVATE_HOSTS, resolve: Resolve = defaultResolve) {
  return (hostname: string, options: { all?: boolean } | number | undefined, callback: LookupCallback): void => {
    resolve(hostname, (error, addresses) => {
      if (error) return callback(error, "", 4);
      const exempt = isAllowedPrivateHost(hostname.replace(/^\[|\]$/g, ""), allowList);
      if (!exempt && (addresses.length === 0 || addresses.some((a) => !isPublicAddress(a.address)))) {
        const refused: NodeJS.ErrnoException = new Error(`refused: ${hostname} resolves to a non-public address`);
        refused.code = "EWEBHOOKADDRESS";
        return callback(refused, "", 4);
      }
      const all = typeof options === "object" && options?.all === true;
      const first = addresses[0];
      if (all) return callback(null, addresses);
      return callback(null, first?.address ?? "", first?.family ?? 4);
    });
  };
}
