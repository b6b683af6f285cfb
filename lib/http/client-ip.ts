// The client's IP address, for rate-limit keys, audit events and request logs — the one rule.
//
// How it is known: the server entry (server.mjs) APPENDS the address of the socket's peer to
// X-Forwarded-For before Next sees the request, so the header's last entry is always the peer
// (Next alone would keep a client-sent header and never add the peer). Everything to its left
// was written by whoever sent the request. Walking from the right, an entry is believed only if
// the hop that wrote it is trusted (TRUSTED_PROXIES: none, N hops, or CIDR ranges — like
// Express's `trust proxy`): with nobody trusted, the peer itself is the client, whatever the
// client wrote; behind CDN → load balancer, two trusted hops reach the reader's own address.
// X-Real-IP is never read: a proxy that speaks for the client does so in X-Forwarded-For.
import { env } from "@/lib/env";
import { normalizeIp } from "./ip-address";
import { isTrustedHop, type TrustedProxies } from "./trusted-proxies";

export { normalizeIp } from "./ip-address";

const UNKNOWN = "unknown";

type HeaderReader = { get(name: string): string | null };

/** The client's address by `policy`, from the X-Forwarded-For chain whose last entry is our socket's peer. */
export function resolveClientIp(forwardedFor: string | null, policy: TrustedProxies): string {
  const entries = (forwardedFor ?? "").split(",");
  // The peer's entry comes from the server entry itself; without it nothing here is known.
  let client = normalizeIp(entries.pop() ?? "");
  if (client === null) return UNKNOWN;
  for (let hop = 0; isTrustedHop(policy, client, hop); hop++) {
    const previous = entries.pop();
    // The chain ends at a trusted proxy (it spoke for nobody further): that proxy is the client we know.
    if (previous === undefined || previous.trim() === "") return client;
    // A trusted hop wrote something that is not an address: the furthest address we can vouch for is that hop.
    const address = normalizeIp(previous);
    if (address === null) return client;
    client = address;
  }
  return client;
}

export function clientIp(headers: HeaderReader): string {
  return resolveClientIp(headers.get("x-forwarded-for"), env.TRUSTED_PROXIES);
}

/** Whether the socket's peer is a trusted proxy, i.e. whether its X-Forwarded-* headers speak for the client. */
export function isFromTrustedProxy(headers: HeaderReader, policy: TrustedProxies = env.TRUSTED_PROXIES): boolean {
  const peer = normalizeIp(headers.get("x-forwarded-for")?.split(",").at(-1) ?? "");
  return peer !== null && isTrustedHop(policy, peer, 0);
}
