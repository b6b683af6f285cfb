// The scheme and authority a browser used to reach us, for building absolute URLs to our own
// hosts (the auth domain in a handshake redirect) and for same-origin checks.
import { parseHost } from "@/lib/hosts/parse-host";
import { isFromTrustedProxy } from "./client-ip";

export type RequestOrigin = { protocol: "http:" | "https:"; hostname: string; port: number | null };

export function getRequestOrigin(request: { headers: Headers; url: string }): RequestOrigin | null {
  const host = parseHost(request.headers.get("host"));
  if (!host) return null;
  return { protocol: requestProtocol(request.headers), hostname: host.hostname, port: host.port };
}

/**
 * The scheme the client used. The server (server.mjs) speaks plain http only, so https is known
 * only from a TLS-terminating proxy: X-Forwarded-Proto, believed only when the socket's peer is
 * a trusted proxy (TRUSTED_PROXIES), and then its last entry (written by that nearest proxy,
 * whether it appends or replaces). Never the request URL's scheme: Next derives it from a
 * client-sent X-Forwarded-Proto.
 */
export function requestProtocol(headers: { get(name: string): string | null }): "http:" | "https:" {
  if (!isFromTrustedProxy(headers)) return "http:";
  return headers.get("x-forwarded-proto")?.split(",").at(-1)?.trim().toLowerCase() === "https" ? "https:" : "http:";
}

export function formatOrigin(origin: RequestOrigin): string {
  const defaultPort = origin.protocol === "https:" ? 443 : 80;
  const port = origin.port === null || origin.port === defaultPort ? "" : `:${origin.port}`;
  return `${origin.protocol}//${origin.hostname}${port}`;
}

/** Another of our hosts, reached the way this request reached us (same scheme and port). */
export function originOfSibling(origin: RequestOrigin, hostname: string): string {
  return formatOrigin({ ...origin, hostname });
}
