// The direct lane (app/_lib/direct-route.ts) enters a route by calling proxy() itself, so
// everything the proxy does to a request before a route sees it must still happen there: these
// tests give it handlers that report what they received. Against the seeded demo hosts.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { directRoute } from "@/app/_lib/direct-route";

const SITE_STATUS = /^\/site\/(?<siteId>[^/]+)\/api\/sso\/status$/;
const AUTH_HANDSHAKE = /^\/auth-domain\/(?<orgId>[^/]+)\/sso\/handshake$/;

type Seen = { headers: Headers; params: Record<string, string> };

/** A handler that records the request it was given and answers with `answer`. */
function recording(answer: () => Response = () => Response.json({ ok: true })) {
  const seen: Seen[] = [];
  const handler = async (request: NextRequest, context: { params: Promise<Record<string, string>> }) => {
    seen.push({ headers: request.headers, params: await context.params });
    return answer();
  };
  return { seen, handler };
}

const request = (host: string, path: string, headers: Record<string, string> = {}, method = "GET") =>
  new NextRequest(`http://${host}${path}`, { method, headers: { host, "x-forwarded-for": "127.0.0.1", ...headers } });

describe("the direct lane runs proxy.ts's rules before the route", () => {
  it("the direct lane strips the internal x-mss-* headers a client sends and sets its own", async () => {
    const { seen, handler } = recording();
    const { GET } = directRoute(SITE_STATUS, { GET: handler });
    const response = await GET(request("news.localhost:3100", "/api/sso/status", { "x-mss-viewer": "forged", "x-mss-part": "admin", "x-mss-request-id": "forged-request-id", "x-mss-public-path": "/forged" }));
    expect(response.status).toBe(200);
    const headers = seen[0]?.headers;
    expect(headers?.get("x-mss-viewer")).toBeNull();
    expect(headers?.get("x-mss-part")).toBe("site");
    expect(headers?.get("x-mss-public-path")).toBe("/api/sso/status");
    expect(headers?.get("x-mss-request-id")).not.toBe("forged-request-id");
    expect(headers?.get("x-mss-request-id")).toBe(response.headers.get("x-request-id"));
  });

  it("the direct lane pins X-Forwarded-Host to the Host the proxy validated", async () => {
    const { seen, handler } = recording();
    const { GET } = directRoute(SITE_STATUS, { GET: handler });
    await GET(request("news.localhost:3100", "/api/sso/status", { "x-forwarded-host": "evil.example" }));
    expect(seen[0]?.headers.get("x-forwarded-host")).toBe("news.localhost:3100");
  });

  it("the direct lane hands the route the site the Host names, never one from the request", async () => {
    const { seen, handler } = recording();
    const { GET } = directRoute(SITE_STATUS, { GET: handler });
    await GET(request("news.localhost:3100", "/api/sso/status"));
    const other = recording();
    await directRoute(SITE_STATUS, { GET: other.handler }).GET(request("sport.localhost:3100", "/api/sso/status"));
    expect(seen[0]?.params.siteId).toMatch(/^[0-9a-f-]{36}$/);
    expect(other.seen[0]?.params.siteId).toMatch(/^[0-9a-f-]{36}$/);
    expect(other.seen[0]?.params.siteId).not.toBe(seen[0]?.params.siteId);
  });

  it("the direct lane answers an unknown Host with the proxy's 404 and never runs the route", async () => {
    const { seen, handler } = recording();
    const response = await directRoute(SITE_STATUS, { GET: handler }).GET(request("nowhere.example", "/api/sso/status"));
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("unknown_host");
    expect(seen).toHaveLength(0);
  });

  it("the direct lane answers another part's host with a 404, not with this part's route", async () => {
    const { seen, handler } = recording();
    const response = await directRoute(SITE_STATUS, { GET: handler }).GET(request("auth.acme.localhost:3100", "/api/sso/status"));
    expect(response.status).toBe(404);
    expect(seen).toHaveLength(0);
  });

  it("the direct lane keeps the proxy's refusal of a method the path does not take", async () => {
    const { seen, handler } = recording();
    const response = await directRoute(AUTH_HANDSHAKE, { GET: handler, POST: handler }).POST(request("auth.acme.localhost:3100", "/sso/handshake", {}, "POST"));
    expect(response.status).toBe(405);
    expect(seen).toHaveLength(0);
  });

  it("the direct lane puts the proxy's security headers over the route's own", async () => {
    const { handler } = recording(() => new Response("ok", { headers: { "x-frame-options": "ALLOWALL", "content-security-policy": "default-src *", vary: "origin" } }));
    const response = await directRoute(AUTH_HANDSHAKE, { GET: handler }).GET(request("auth.acme.localhost:3100", "/sso/handshake?site=news&state=x"));
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("vary")).toContain("origin");
    expect(response.headers.get("x-request-id")).toBeTruthy();
  });
});
