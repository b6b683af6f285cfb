// Validates a Host header. Anything that is not a plain DNS name (or IP literal) with an
// optional port is refused before it reaches routing, so it can never become a 500 or be
// echoed into a URL.
const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/;
const IPV6_LITERAL = /^\[[0-9a-f:.]{2,45}\]$/;

export type ParsedHost = { hostname: string; port: number | null };

export function parseHost(raw: string | null | undefined): ParsedHost | null {
  if (!raw || raw.length > 300) return null;
  const value = raw.trim().toLowerCase();
  const match = /^(\[[^\]]*\]|[^:]+)(?::(\d{1,5}))?$/.exec(value);
  if (!match) return null;
  const [, host = "", portText] = match;
  if (!HOSTNAME.test(host) && !IPV6_LITERAL.test(host)) return null;
  const port = portText === undefined ? null : Number(portText);
  if (port !== null && (port < 1 || port > 65535)) return null;
  // A trailing dot names the same host; normalise so the lookup key is unique.
  return { hostname: host.endsWith(".") ? host.slice(0, -1) : host, port };
}
