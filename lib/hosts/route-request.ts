// The proxy's one decision: which internal route tree serves this request.
// Every request is rewritten under a prefix that names its part, so the internal folders
// (/admin, /auth-domain/<org>, /site/<site>) can never be reached by their own path:
// GET news.localhost/admin becomes /site/<id>/admin, which does not exist.
import { classifyPath } from "@/lib/http/path-kind";
import { parseHost } from "./parse-host";
import { resolveHost, type HostTarget } from "./resolve-host";

export type RouteVerdict =
  | { action: "rewrite"; pathname: string; target: HostTarget; /** The validated Host header (hostname[:port]), the one name of this request. */ host: string }
  | { action: "reject"; status: 400 | 404; code: "invalid_host" | "unknown_host"; message: string };

/** Probes and scrapes are answered by app/ops/** on every host, before host resolution (proxy.ts). */
export function opsPathFor(pathname: string): string | null {
  return classifyPath(pathname, null).kind === "probe" ? `/ops${pathname}` : null;
}

export function internalPathFor(target: HostTarget, pathname: string): string {
  const prefix =
    target.kind === "admin"
      ? "/admin"
      : target.kind === "auth-domain"
        ? `/auth-domain/${target.orgId}`
        : `/site/${target.siteId}`;
  return pathname === "/" ? prefix : `${prefix}${pathname}`;
}

export async function routeRequest(request: { host: string | null; pathname: string }): Promise<RouteVerdict> {
  const parsed = parseHost(request.host);
  if (!parsed) {
    return { action: "reject", status: 400, code: "invalid_host", message: "The Host header is missing or malformed." };
  }
  const target = await resolveHost(parsed.hostname);
  if (!target) {
    return { action: "reject", status: 404, code: "unknown_host", message: "No site is served at this address." };
  }
  const host = parsed.port === null ? parsed.hostname : `${parsed.hostname}:${parsed.port}`;
  return { action: "rewrite", pathname: internalPathFor(target, request.pathname), target, host };
}
