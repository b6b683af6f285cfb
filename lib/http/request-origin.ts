// The scheme and authority a browser used to reach us, for building absolute URLs to our own
// hosts (the auth domain in a handshake redirect) and for same-origin checks.
import { parseHost } from "@/lib/hosts/parse-host";

export type RequestOrigin = { protocol: "http:" | "https:"; hostname: string; port: number | null };

export function getRequestOrigin(request: { headers: Headers; url: string }): RequestOrigin | null {
  const host = parseHost(request.headers.get("host"));
  if (!host) return null;
  // NOTE: x-forwarded-proto is trusted because a TLS-terminating proxy is how this app is
  // deployed; without one, the URL's own protocol applies.
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  const protocol = forwarded === "https" || new URL(request.url).protocol === "https:" ? "https:" : "http:";
  return { protocol, hostname: host.hostname, port: host.port };
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
