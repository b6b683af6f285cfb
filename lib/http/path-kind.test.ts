import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { routeTemplates } from "@/lib/api-contract/route-templates.generated";
import { classifyPath, DIRECT_LANE_PATHS, isZephrPath, PROBE_PATHS, SSO_ENDPOINTS, type PathClass, type PathKind, type PathPart } from "./path-kind";

// The table every caller relies on: the proxy's matcher, probes, the 405 for pages, the error
// shape, the proxy's session step, handshake planning, frame headers and the request log.
const table: [path: string, part: PathPart | null, kind: PathKind][] = [
  ["/", "site", "page"],
  ["/articles/welcome", "site", "page"],
  ["/signin", "site", "page"],
  ["/admin", "site", "page"],
  ["/orgs/acme/readers", "admin", "page"],
  ["/", "auth-domain", "page"],
  ["/apifoo", "site", "page"],
  ["/sso", "site", "page"],
  ["/ssogood", "auth-domain", "page"],
  ["/ops/api/health", null, "page"],
  ["/api", "site", "api"],
  ["/api/", "site", "api"],
  ["/api/sso/status", "site", "api"],
  ["/api/sso/status", null, "api"],
  ["/api/nope", "auth-domain", "api"],
  ["/api/orgs/acme/sso", "admin", "api"],
  ["/api/logo.png", "site", "api"],
  ["/api/health/x", null, "api"],
  ["/api/health", null, "probe"],
  ["/api/ready", "site", "probe"],
  ["/api/metrics", "admin", "probe"],
  ["/sso/callback", "site", "sso-browser"],
  ["/sso/callback", "auth-domain", "page"],
  ["/sso/callback", null, "page"],
  ["/sso/callback/x", "site", "page"],
  ["/sso/handshake", "auth-domain", "sso-browser"],
  ["/sso/handshake", "site", "page"],
  ["/sso/exchange", "auth-domain", "sso-server"],
  ["/sso/exchange", "site", "page"],
  ["/sso/session/status", "auth-domain", "sso-server"],
  ["/sso/session/login", "auth-domain", "sso-server"],
  ["/sso/session/logout", "auth-domain", "sso-server"],
  ["/sso/session/other", "auth-domain", "page"],
  ["/blaize/login", "site", "zephr"],
  ["/blaize/login", null, "zephr"],
  ["/blaize/login", "auth-domain", "page"],
  ["/zephr/public/sso/v1/status", "site", "zephr"],
  ["/zephr/public/sessions/v1/sessions/x", "site", "zephr"],
  ["/zephr/public/sso/v1/status", "admin", "page"],
  ["/blaize", "site", "page"],
  ["/zephr/publicx", "site", "page"],
  ["/logo.png", "site", "asset"],
  ["/robots.txt", "site", "asset"],
  ["/articles/v1.2", "site", "asset"],
  ["/sso/callback.png", "site", "asset"],
  ["/_next/webpack-hmr", "site", "next"],
  ["/_next/data/build/index.json", "site", "next"],
  ["/_next/data/build/_next/static/x.js", "site", "next"],
  ["/_next/static/chunks/app.js", "site", "static"],
  ["/_next/image", "site", "static"],
  ["/favicon.ico", "site", "static"],
  ["/faviconXico", "site", "page"],
];

const rulesOf: Record<PathKind, Omit<PathClass, "kind">> = {
  static: { isEndpoint: false, ownsMethods: false, jsonErrors: false, proxyResolvesSession: false },
  probe: { isEndpoint: true, ownsMethods: true, jsonErrors: true, proxyResolvesSession: false },
  api: { isEndpoint: true, ownsMethods: true, jsonErrors: true, proxyResolvesSession: false },
  zephr: { isEndpoint: true, ownsMethods: true, jsonErrors: true, proxyResolvesSession: false },
  "sso-browser": { isEndpoint: true, ownsMethods: false, jsonErrors: false, proxyResolvesSession: false },
  "sso-server": { isEndpoint: true, ownsMethods: true, jsonErrors: false, proxyResolvesSession: false },
  next: { isEndpoint: false, ownsMethods: false, jsonErrors: false, proxyResolvesSession: false },
  asset: { isEndpoint: false, ownsMethods: false, jsonErrors: false, proxyResolvesSession: false },
  page: { isEndpoint: false, ownsMethods: false, jsonErrors: false, proxyResolvesSession: true },
};

describe("one rule says what kind of path a request is (classifyPath)", () => {
  it.each(table)("%s on %s is %s", (path, part, kind) => {
    expect(classifyPath(path, part)).toEqual({ kind, ...rulesOf[kind] });
  });

  it("only pages get the proxy's session step and handshakes; only /api and the auth domain's server API answer their own methods", () => {
    const resolved = table.filter(([path, part]) => part === "site" && classifyPath(path, part).proxyResolvesSession).map(([path]) => path);
    expect(resolved).toEqual(["/", "/articles/welcome", "/signin", "/admin", "/apifoo", "/sso", "/sso/callback/x", "/sso/handshake", "/sso/exchange", "/blaize", "/zephr/publicx", "/faviconXico"]);
    const ownMethods = table.filter(([path, part]) => classifyPath(path, part).ownsMethods && !path.startsWith("/api") && !isZephrPath(path)).map(([path]) => path);
    expect(ownMethods).toEqual(["/sso/exchange", "/sso/session/status", "/sso/session/login", "/sso/session/logout"]);
  });
});

describe("proxy.ts's matcher agrees with the classifier (Next needs it as a literal there)", () => {
  // Read as Next reads it — a literal in the source — and compiled by Next's own code.
  const source = readFileSync(new URL("../../proxy.ts", import.meta.url), "utf8");
  const literal = /matcher:\s*(\[[^\]]*\])/.exec(source)?.[1];
  const require = createRequire(import.meta.url);
  const { getMiddlewareMatchers } = require("next/dist/build/analysis/get-page-static-info") as {
    getMiddlewareMatchers: (matchers: string[], config: object) => { regexp: string }[];
  };

  it.each(table)("%s reaches the proxy unless it is static", (path, part) => {
    expect(literal).toBeDefined();
    const matchers = getMiddlewareMatchers(JSON.parse(literal ?? "[]") as string[], {}).map((matcher) => new RegExp(matcher.regexp));
    expect(matchers.some((matcher) => matcher.test(path))).toBe(classifyPath(path, part).kind !== "static" && !DIRECT_LANE_PATHS.includes(path));
  });

  it.each(DIRECT_LANE_PATHS.map((path) => [path]))("%s (the direct lane) is left out of the matcher and has a top-level route that runs proxy() itself", (path) => {
    const matchers = getMiddlewareMatchers(JSON.parse(literal ?? "[]") as string[], {}).map((matcher) => new RegExp(matcher.regexp));
    expect(matchers.some((matcher) => matcher.test(path))).toBe(false);
    // Only the exact path: a trailing slash or a longer path still reaches the proxy.
    expect(matchers.some((matcher) => matcher.test(`${path}x`))).toBe(true);
    const route = readFileSync(new URL(`../../app${path}/route.ts`, import.meta.url), "utf8");
    expect(route).toContain("directRoute(");
  });
});

describe("the classifier's endpoints are the API contract's (lib/api-contract/operations.ts)", () => {
  const parts: PathPart[] = ["site", "auth-domain", "admin"];

  it("every endpoint of the contract outside /api (and Zephr's paths) is an SSO endpoint of its part, and every SSO endpoint is in the contract", () => {
    for (const part of parts) {
      const contract = routeTemplates.filter((route) => route.hosts.includes(part) && !route.template.startsWith("/api") && !isZephrPath(route.template)).map((route) => route.template);
      expect(Object.keys(SSO_ENDPOINTS[part]).sort(), part).toEqual(contract.sort());
    }
  });

  it("the probes are the contract's endpoints served on every host", () => {
    expect([...PROBE_PATHS].sort()).toEqual(routeTemplates.filter((route) => route.hosts.includes("any")).map((route) => route.template).sort());
  });

  it("every endpoint of the contract is classified an endpoint on the parts that serve it", () => {
    for (const route of routeTemplates) {
      const path = route.template.replace(/\{[^}]+\}/g, "x");
      for (const part of route.hosts.includes("any") ? parts : route.hosts.filter((host): host is PathPart => host !== "any")) {
        expect(classifyPath(path, part).isEndpoint, `${part} ${path}`).toBe(true);
      }
    }
  });
});
