// Operations endpoints against the real server: liveness and readiness on every host (even
// unknown and malformed ones), metrics behind a token, request ids — and, on servers of
// their own, readiness while the database is down or its migrations are behind.
import http from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { createFreshDatabase, findLocalPostgres } from "@/tooling/db/test-database";
import { appPort, TestBrowser } from "./browser";
import { createTestOrg } from "./factory";
import { signInWithPassword, siteUrl, ssoStatus } from "./flows";
import { rawRequest } from "./scenarios";
import { startChildServer } from "@/scripts/child-server";
import { nextStartCommand } from "@/scripts/server-command";

function metricsToken(): string {
  if (!env.METRICS_TOKEN) throw new Error("METRICS_TOKEN is not set: run the HTTP tests through `npm test`");
  return env.METRICS_TOKEN;
}

/** The value of one sample line (`name{labels} value`) in a Prometheus text body, or null. */
function sample(body: string, name: string, labels: Record<string, string>): number | null {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of body.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (wanted.every((pair) => line.includes(pair))) return Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return null;
}

describe("GET /api/health and /api/ready", () => {
  it.each([
    ["a site", "news.localhost"],
    ["the admin console", "admin.localhost"],
    ["an unknown host (an instance's own address)", "10.1.2.3"],
    ["a malformed host", "bad host"],
  ])("answer on %s, before host resolution", async (_what, host) => {
    const health = await rawRequest({ host, path: "/api/health", headers: { host } });
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ status: "ok" });
    expect(health.headers["cache-control"]).toBe("no-store");
    const ready = await rawRequest({ host, path: "/api/ready", headers: { host } });
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toEqual({ status: "ready", checks: { database: "ok", migrations: "ok" } });
  });

  it("give every answer a request id: a load balancer's well-formed one is kept, anything else replaced", async () => {
    const kept = await rawRequest({ host: "news.localhost", path: "/api/health", headers: { "x-request-id": "lb-1234abcd" } });
    expect(kept.headers["x-request-id"]).toBe("lb-1234abcd");
    const replaced = await rawRequest({ host: "news.localhost", path: "/api/sso/status", headers: { "x-request-id": "<script>" } });
    expect(replaced.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    const unknownHost = await rawRequest({ host: "nowhere.example", path: "/" });
    expect(unknownHost.status).toBe(404);
    expect(unknownHost.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("GET /api/metrics", () => {
  it("refuses a missing or wrong token (401, constant-time compare) and serves Prometheus text with the token", async () => {
    const missing = await rawRequest({ host: "news.localhost", path: "/api/metrics" });
    expect(missing.status).toBe(401);
    expect(missing.headers["www-authenticate"]).toBe("Bearer");
    const wrong = await rawRequest({ host: "news.localhost", path: "/api/metrics", headers: { authorization: `Bearer ${metricsToken()}x` } });
    expect(wrong.status).toBe(401);
    const ok = await rawRequest({ host: "10.9.9.9:9", path: "/api/metrics", headers: { authorization: `Bearer ${metricsToken()}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers["content-type"]).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(ok.body).toContain("# TYPE mss_http_request_duration_seconds histogram");
    expect(ok.body).toMatch(/^process_start_time_seconds \d+$/m);
  });

  it("counts handshakes, OTT outcomes, status requests, sign-ins and request latencies", async () => {
    const read = async () => (await rawRequest({ host: "news.localhost", path: "/api/metrics", headers: { authorization: `Bearer ${metricsToken()}` } })).body;
    const before = await read();
    const org = await createTestOrg({ mode: "opt_in", sites: ["news", "sport"] });
    const reader = await org.createReader();
    const browser = new TestBrowser();
    await browser.navigate(siteUrl(org.site("news").host, "/"));
    expect((await signInWithPassword(browser, org.site("news").host, reader.email, reader.password)).status).toBeLessThan(400);
    await ssoStatus(browser, org.site("news").host);
    const after = await read();

    const grew = (name: string, labels: Record<string, string>, by = 1) =>
      expect((sample(after, name, labels) ?? 0) - (sample(before, name, labels) ?? 0), `${name} ${JSON.stringify(labels)}`).toBeGreaterThanOrEqual(by);
    grew("mss_sso_handshakes_started_total", {});
    grew("mss_sso_handshakes_total", { outcome: "minted", site_kind: "internal" });
    grew("mss_sso_ott_redemptions_total", { channel: "callback", outcome: "ok" });
    grew("mss_sso_status_requests_total", { channel: "site", status: "authenticated" });
    grew("mss_sign_ins_total", { method: "password" });
    grew("mss_http_requests_total", { part: "site", route: "/sso/callback", method: "GET", status: "302" });
    grew("mss_http_request_duration_seconds_count", { part: "site", route: "/api/sso/status", method: "GET" });
    grew("mss_http_requests_total", { part: "auth-domain", route: "/sso/handshake", method: "GET", status: "302" });
    // Labels are templates from the API contract, never raw paths or ids.
    expect(after).not.toMatch(/route="\/site\//);
    expect(after).not.toContain(org.site("news").id);
  });
});

/** A second `next start` of the same build with its own environment, on a port of this test's own; stopped by PID. */
async function startServer(port: number, extraEnv: Record<string, string | undefined>): Promise<{ stop: () => Promise<void> }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, REQUEST_LOG: "off", NODE_ENV: "production" };
  for (const [key, value] of Object.entries(extraEnv)) {
    if (value === undefined) delete childEnv[key];
    else childEnv[key] = value;
  }
  return startChildServer({ name: "next start", ...nextStartCommand(port), port, env: childEnv, stdio: "ignore" });
}

function get(port: number, path: string, host = "news.localhost"): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, path, headers: { host: `${host}:${port}` } }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("error", reject);
    request.end();
  });
}

describe("readiness on servers of their own", () => {
  const stops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const stop of stops) await stop();
  });

  it("while the database is down: alive, not ready (503), metrics absent without a token, pages 503", async () => {
    const port = appPort() + 2;
    // Port 1 on loopback: nothing listens, connections are refused at once.
    const server = await startServer(port, { DATABASE_URL: "postgres://postgres@127.0.0.1:1/unreachable", METRICS_TOKEN: undefined });
    stops.push(server.stop);
    expect(await get(port, "/api/health")).toEqual({ status: 200, body: JSON.stringify({ status: "ok" }) });
    const ready = await get(port, "/api/ready");
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body)).toEqual({ status: "not_ready", checks: { database: "unreachable", migrations: "unknown" } });
    expect((await get(port, "/api/metrics")).status).toBe(404);
    const page = await get(port, "/api/sso/status");
    expect(page.status).toBe(503);
    expect(JSON.parse(page.body)).toMatchObject({ error: { code: "service_unavailable" } });
    await server.stop();
  });

  it("on a database whose migrations are behind the build: not ready (503, migrations pending)", async (context) => {
    const serverUrl = await findLocalPostgres();
    if (!serverUrl) context.skip();
    const database = await createFreshDatabase({ serverUrl: serverUrl as string, prefix: "mss_ready" });
    try {
      const port = appPort() + 2;
      const server = await startServer(port, { DATABASE_URL: database.url });
      stops.push(server.stop);
      // A cold connection pool on a busy machine may miss the probe's deadline once: ask until the database answers.
      let ready = await get(port, "/api/ready", "10.0.0.1");
      for (let i = 0; i < 10 && JSON.parse(ready.body).checks.database !== "ok"; i++) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        ready = await get(port, "/api/ready", "10.0.0.1");
      }
      expect(ready.status).toBe(503);
      expect(JSON.parse(ready.body)).toEqual({ status: "not_ready", checks: { database: "ok", migrations: "pending" } });
      await server.stop();
    } finally {
      await database.drop();
    }
  });
});
