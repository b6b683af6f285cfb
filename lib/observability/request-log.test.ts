import { afterEach, describe, expect, it, vi } from "vitest";
import { opsPathFor } from "@/lib/hosts/route-request";
import { recordProxyAnswer } from "./proxy-log";
import { checkReadiness } from "./readiness";
import { requestIdFrom } from "./request-context";
import { formatRequestLine, type RequestLogLine } from "./request-log";

function captureStdout(): { lines: () => string[] } {
  const written: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  return { lines: () => written.join("").split("\n").filter(Boolean) };
}

function request(url: string, headers: Record<string, string> = {}) {
  const value = new Request(url, { headers });
  return Object.assign(value, { nextUrl: new URL(url) });
}

afterEach(() => vi.restoreAllMocks());

describe("the proxy's request log", () => {
  it("writes one JSON line with a fixed set of fields for an answer it gives itself, and never the query string (it carries OTTs)", () => {
    const out = captureStdout();
    const ott = "Ab".repeat(21) + "c";
    recordProxyAnswer({
      request: request(`http://news.localhost:3000/articles/x?ott=${ott}&state=${ott}`, { host: "news.localhost:3000", "x-forwarded-for": "203.0.113.9", cookie: `__Host-mss_session=${ott}` }),
      response: new Response(null, { status: 302 }),
      part: "site",
      requestId: "req-12345678",
      startedAt: Date.now() - 5,
      forwarded: false,
    });
    const lines = out.lines();
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] ?? "{}") as Record<string, unknown>;
    expect(Object.keys(line).sort()).toEqual(["durationMs", "host", "ip", "level", "method", "msg", "part", "requestId", "route", "status", "ts"]);
    expect(line).toMatchObject({ msg: "request", requestId: "req-12345678", host: "news.localhost", part: "site", method: "GET", route: "page", status: 302, ip: "203.0.113.9" });
    expect(lines[0]).not.toContain(ott);
  });

  it("leaves requests it forwards to a route handler to that handler (one line per request), and logs forwarded pages without a status", () => {
    const out = captureStdout();
    const base = { response: new Response(null), part: "site" as const, requestId: "req-12345678", startedAt: Date.now() };
    recordProxyAnswer({ ...base, request: request("http://news.localhost/api/sso/status", { host: "news.localhost" }), forwarded: true });
    recordProxyAnswer({ ...base, request: request("http://news.localhost/sso/callback?ott=x", { host: "news.localhost" }), forwarded: true });
    expect(out.lines()).toHaveLength(0);
    recordProxyAnswer({ ...base, request: request("http://news.localhost/articles/a", { host: "news.localhost" }), forwarded: true });
    expect(JSON.parse(out.lines()[0] ?? "{}")).toMatchObject({ route: "page", status: null, forwarded: "page" });
  });

  it("every request gets one line: a forwarded path under /sso that is no endpoint of its part (a page, or the auth domain's catch-all) is logged by the proxy", () => {
    const out = captureStdout();
    const base = { response: new Response(null), requestId: "req-12345678", startedAt: Date.now(), forwarded: true };
    recordProxyAnswer({ ...base, part: "site", request: request("http://news.localhost/sso/handshake", { host: "news.localhost" }) });
    recordProxyAnswer({ ...base, part: "auth-domain", request: request("http://auth.localhost/sso/session/other", { host: "auth.localhost" }) });
    recordProxyAnswer({ ...base, part: "auth-domain", request: request("http://auth.localhost/sso/exchange", { host: "auth.localhost" }) });
    expect(out.lines().map((line) => JSON.parse(line) as Record<string, unknown>)).toMatchObject([
      { part: "site", route: "page", forwarded: "page" },
      { part: "auth-domain", route: "page", forwarded: "page" },
    ]);
  });

  it("routes probes and scrapes before host resolution, and nothing else", () => {
    expect(opsPathFor("/api/health")).toBe("/ops/api/health");
    expect(opsPathFor("/api/ready")).toBe("/ops/api/ready");
    expect(opsPathFor("/api/metrics")).toBe("/ops/api/metrics");
    expect(opsPathFor("/api/health/x")).toBeNull();
    expect(opsPathFor("/ops/api/health")).toBeNull();
  });

  it("keeps a load balancer's request id only when it is a plain token", () => {
    expect(requestIdFrom(new Headers({ "x-request-id": "abc-123.XYZ:9" }))).toBe("abc-123.XYZ:9");
    expect(requestIdFrom(new Headers({ "x-request-id": "short" }))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(new Headers({ "x-request-id": "a b c d e f g h" }))).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("REQUEST_LOG=errors (the demo's terminal)", () => {
  const line = (status: number | null): RequestLogLine => ({
    requestId: "req-12345678", host: "sport.localhost", part: "site", method: "GET", route: "page", status, durationMs: 12, ip: "127.0.0.1",
  });
  const now = new Date("2026-01-02T03:04:05.678Z");

  it("writes one short human line for a request answered 4xx or 5xx, and nothing for the rest", () => {
    expect(formatRequestLine(line(500), "errors", now)).toBe("[request] 03:04:05 500 GET sport.localhost page 12 ms (request id req-12345678)");
    expect(formatRequestLine(line(404), "errors", now)).toMatch(/^\[request\] 03:04:05 404 GET /);
    for (const status of [200, 302, null]) expect(formatRequestLine(line(status), "errors", now)).toBeNull();
  });

  it("leaves the production default alone: json writes every request, off none", () => {
    expect(JSON.parse(formatRequestLine(line(null), "json", now) ?? "{}")).toMatchObject({ ts: now.toISOString(), msg: "request", status: null });
    expect(formatRequestLine(line(500), "off", now)).toBeNull();
  });
});

describe("checkReadiness", () => {
  const shipped = async () => ["20261122000000_init", "20261122200000_external_sites"];

  it("is ready when every shipped migration is applied", async () => {
    expect(await checkReadiness({ shipped, listApplied: shipped })).toEqual({ status: "ready", checks: { database: "ok", migrations: "ok" } });
  });

  it("is not ready while a shipped migration is missing from the database", async () => {
    const applied = async () => ["20261122000000_init"];
    expect(await checkReadiness({ shipped, listApplied: applied })).toEqual({ status: "not_ready", checks: { database: "ok", migrations: "pending" } });
  });

  it("is not ready when the database fails or does not answer before the deadline", async () => {
    const failing = async () => Promise.reject(new Error("ECONNREFUSED"));
    expect((await checkReadiness({ shipped, listApplied: failing })).checks.database).toBe("unreachable");
    const hanging = () => new Promise<string[]>(() => {});
    expect(await checkReadiness({ shipped, listApplied: hanging, timeoutMs: 50 })).toEqual({ status: "not_ready", checks: { database: "unreachable", migrations: "unknown" } });
  });
});
