// What kind of path a request is — decided here and nowhere else. The proxy's matcher (checked
// against this file by a test), its early routing of probes, the 405 for pages, the error shape
// (JSON or a plain page), the proxy's session step and handshake planning, the site frame policy
// and the request log all ask classifyPath. Pure and import-free: the proxy loads it on every
// request. How to add an endpoint: docs/conventions.md, "A new endpoint".

/** The parts of the product a host can serve (lib/hosts/resolve-host.ts). */
export type PathPart = "site" | "auth-domain" | "admin";

export type PathKind =
  /** Next's build assets and the favicon: the same for every host, never routed through the proxy. */
  | "static"
  /** /api/health, /api/ready, /api/metrics on any host, answered by app/ops before host resolution. */
  | "probe"
  /** /api and below: JSON route handlers with their own methods, session lookup and log line. */
  | "api"
  /** A site's Zephr-compatible Public API (ZEPHR_PATH_PREFIXES): JSON route handlers like /api, at Zephr's paths. */
  | "zephr"
  /** An SSO endpoint a browser is sent to (SSO_ENDPOINTS): GET only, resolves its own session. */
  | "sso-browser"
  /** An auth domain's server-to-server SSO endpoint (SSO_ENDPOINTS): answers its own methods. */
  | "sso-server"
  /** Any other /_next/ path: Next's own, never a page of a site. */
  | "next"
  /** A file name (`/logo.png`, `/robots.txt`): no session, no handshake. */
  | "asset"
  /** Anything else: a page (on an auth domain, one of its plain-page route handlers). */
  | "page";

export type PathClass = {
  kind: PathKind;
  /** A route handler of ours answers it, wrapped in observeRoute: it logs and counts itself, and sets its own headers. */
  isEndpoint: boolean;
  /** The route answers every method itself; otherwise sites and auth domains answer anything but GET/HEAD with a 405 page. */
  ownsMethods: boolean;
  /** Errors answered before the route runs carry the JSON error shape rather than a plain page. */
  jsonErrors: boolean;
  /** On a site: the proxy resolves the session (and may start a handshake) before the page renders. */
  proxyResolvesSession: boolean;
};

/**
 * The SSO endpoints outside /api, by part (design §3–5). A new one is added here — and to
 * lib/api-contract/operations.ts, which a test checks against this list.
 */
export const SSO_ENDPOINTS: Record<PathPart, Record<string, "sso-browser" | "sso-server">> = {
  site: { "/sso/callback": "sso-browser", "/sso/hosted": "sso-browser" },
  "auth-domain": {
    "/sso/handshake": "sso-browser",
    "/signin": "sso-browser",
    "/sso/exchange": "sso-server",
    "/sso/session/login": "sso-server",
    "/sso/session/logout": "sso-server",
    "/sso/session/status": "sso-server",
  },
  admin: {},
};

/** Probes and scrapes: on every host, before host resolution, so they answer while the database is down. */
export const PROBE_PATHS: readonly string[] = ["/api/health", "/api/ready", "/api/metrics"];

/**
 * Zephr's Public API paths (docs/zephr-compat.md): a site answers them like /api — its own
 * methods, JSON errors, no handshake — so a Zephr front end keeps working unchanged. Only on a
 * site; with the part unknown (an error answered before host resolution) they still get JSON.
 */
export const ZEPHR_PATH_PREFIXES: readonly string[] = ["/blaize/", "/zephr/public/"];

export function isZephrPath(pathname: string): boolean {
  return ZEPHR_PATH_PREFIXES.some((prefix) => pathname.startsWith(prefix));
}

/**
 * Exact public paths proxy.ts's matcher also leaves out, though they are not static: the direct
 * lane (app/_lib/direct-route.ts) — the hottest endpoints, whose top-level routes call proxy()
 * in-process instead of through Next's middleware. Each has its route at app/<path>/route.ts.
 */
export const DIRECT_LANE_PATHS: readonly string[] = ["/api/sso/status", "/sso/handshake", "/sso/callback"];

/** What proxy.ts's matcher leaves out besides DIRECT_LANE_PATHS (kept equal to it by path-kind.test.ts: the matcher must be a literal). /mss-bench-…: the bench's baselines (app/mss-bench-bare and app/mss-bench-direct, route.bench.ts files), in the bench's build only; a production build answers them with Next's plain 404 page. */
export const OUTSIDE_PROXY_PREFIXES: readonly string[] = ["/_next/static", "/_next/image", "/favicon.ico", "/mss-bench-"];

const ASSET = /\.[a-z0-9]{1,8}$/i;

function kindOf(pathname: string, part: PathPart | null): PathKind {
  if (OUTSIDE_PROXY_PREFIXES.some((prefix) => pathname.startsWith(prefix))) return "static";
  if (PROBE_PATHS.includes(pathname)) return "probe";
  if (pathname === "/api" || pathname.startsWith("/api/")) return "api";
  if ((part === "site" || part === null) && isZephrPath(pathname)) return "zephr";
  const endpoint = part === null ? undefined : SSO_ENDPOINTS[part][pathname];
  if (endpoint) return endpoint;
  if (pathname.startsWith("/_next/")) return "next";
  if (ASSET.test(pathname)) return "asset";
  return "page";
}

/** `part`: the part that serves the host, or null when it is not known (yet, or at all). */
export function classifyPath(pathname: string, part: PathPart | null): PathClass {
  const kind = kindOf(pathname, part);
  const isEndpoint = kind === "probe" || kind === "api" || kind === "zephr" || kind === "sso-browser" || kind === "sso-server";
  return {
    kind,
    isEndpoint,
    ownsMethods: kind === "probe" || kind === "api" || kind === "zephr" || kind === "sso-server",
    jsonErrors: kind === "probe" || kind === "api" || kind === "zephr",
    proxyResolvesSession: kind === "page",
  };
}
