// No secret in any log line (design §2: secrets are sent to the browser once and stored only as
// hashes). This file starts its own app instance and keeps everything it writes to stdout and
// stderr while a full set of flows runs against it — registration, password sign-ins (right and
// wrong), handshakes, Auto Login, meta, a replayed callback, malformed input, next-auth's own
// endpoints, sign-outs of every scope, and a database outage (the error paths log) — then asserts
// that no secret value seen on the wire appears in that output: site-session, SSO-token and
// state secrets, OTTs, next-auth's CSRF token and JWT, passwords, AUTH_SECRET. The audit log is
// held to the same rule.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { TestBrowser } from "../http/browser";
import { createTestOrg, type TestOrg } from "../http/factory";
import { locationOf, stateCookieName } from "../http/sso-steps";
import { portNearSuite, startAppBehindDatabaseProxy, type AppInstance } from "./support/app-instance";
import { recordFigures } from "./support/figures";
import { scanLogForSecrets, storedSecretsInLog } from "./support/log-secret-scan";
import { storedHashLookup } from "@/scripts/e2e-log-secrets";
import type { TcpProxy } from "./support/tcp-proxy";

let app: AppInstance;
let proxy: TcpProxy;
let org: TestOrg;

beforeAll(async () => {
  ({ app, proxy } = await startAppBehindDatabaseProxy({ name: "log-secrets", preferredPort: portNearSuite(30) }));
  org = await createTestOrg({ mode: "auto_login", sites: ["news", "sport"], port: app.port });
});

afterAll(async () => {
  await app?.stop();
  await proxy?.close();
});

/** A browser that remembers every secret it is handed (cookie values, OTTs and states in URLs). */
class RecordingBrowser extends TestBrowser {
  readonly secrets = new Set<string>();

  override async request(url: string, options: Parameters<TestBrowser["request"]>[1] = {}) {
    const response = await super.request(url, options);
    for (const line of response.headers["set-cookie"] ?? []) {
      const value = (line.split(";")[0] ?? "").split("=").slice(1).join("=");
      if (value.length >= 16) {
        this.secrets.add(value);
        // next-auth's CSRF cookie is "<token>|<hash>", URL-encoded; its JWT is three dot-separated parts.
        for (const part of decodeURIComponent(value).split(/[|.]/)) if (part.length >= 16) this.secrets.add(part);
      }
    }
    const location = locationOf(response);
    if (location) {
      const target = new URL(location, url);
      for (const name of ["ott", "state"]) {
        const value = target.searchParams.get(name);
        if (value) this.secrets.add(value);
      }
    }
    try {
      const body = JSON.parse(response.body) as { csrfToken?: unknown };
      if (typeof body.csrfToken === "string") this.secrets.add(body.csrfToken);
    } catch {
      // not JSON
    }
    return response;
  }
}

function url(host: string, path: string): string {
  return `http://${host}:${app.port}${path}`;
}

async function signIn(browser: TestBrowser, host: string, provider: "credentials" | "register", fields: Record<string, string>) {
  const csrf = await browser.json<{ csrfToken: string }>(url(host, "/api/auth/csrf"));
  const form = new URLSearchParams({ csrfToken: csrf.json.csrfToken, ...fields, json: "true" });
  return browser.request(url(host, `/api/auth/callback/${provider}`), {
    method: "POST",
    body: form.toString(),
    headers: { "content-type": "application/x-www-form-urlencoded", origin: `http://${host}:${app.port}` },
  });
}

describe("no secret in any log line", () => {
  it("a full set of flows (sign-ins right and wrong, handshakes, replays, malformed input, logouts, a database outage) writes none of the secrets it handled to stdout or stderr, nor to the audit log", async () => {
    const news = org.site("news").host;
    const sport = org.site("sport").host;
    const reader = await org.createReader({ password: "reader-log-password-1" });
    const passwords = [reader.password, "wrong-password-for-the-log", "new-reader-log-password-2"];
    const browsers: RecordingBrowser[] = [];
    const browser = () => {
      const created = new RecordingBrowser();
      browsers.push(created);
      return created;
    };

    // A reader visits (handshake), signs in wrongly then rightly, is signed in on the sister site, writes meta.
    const a = browser();
    expect((await a.navigate(url(news, "/"))).status).toBe(200);
    expect((await signIn(a, news, "credentials", { email: reader.email, password: passwords[1] as string })).status).toBe(401);
    expect((await signIn(a, news, "credentials", { email: reader.email, password: reader.password })).status).toBe(200);
    expect((await a.navigate(url(sport, "/"))).status).toBe(200);
    expect((await a.json(url(sport, "/api/sso/status"))).json).toMatchObject({ status: "authenticated" });
    expect((await a.json(url(sport, "/api/sso/status/meta"), { method: "PUT", body: { theme: "dark" } })).status).toBe(200);

    // Registration of a new reader on another browser.
    const r = browser();
    expect((await r.navigate(url(sport, "/"))).status).toBe(200);
    expect((await signIn(r, sport, "register", { email: `new-${Date.now()}@example.com`, password: passwords[2] as string, name: "New Reader" })).status).toBe(200);

    // A callback URL replayed by another browser with a copy of the state cookie.
    const victim = browser();
    const page = await victim.request(url(news, "/articles/harbour-bridge-reopens"), { navigation: true });
    const handshake = await victim.request(locationOf(page) as string, { navigation: true });
    const callbackUrl = locationOf(handshake) as string;
    const stateCookie = stateCookieName(new URL(callbackUrl).searchParams.get("state") ?? "");
    const stateValue = victim.cookie(news, stateCookie) ?? "";
    expect((await victim.request(callbackUrl, { navigation: true })).status).toBe(302);
    const thief = browser();
    thief.setCookie(news, stateCookie, stateValue);
    await thief.request(callbackUrl, { navigation: true });

    // Malformed and hostile input on the endpoints that log errors.
    const hostile = browser();
    await hostile.request(url(news, "/sso/callback?ott=garbage&state=garbage"), { navigation: true });
    await hostile.request(url(news, "/api/sso/status/meta"), { method: "PUT", body: "{not json", sameOrigin: true });
    await hostile.request(url(news, "/api/auth/callback/credentials?callbackUrl=not-a-url"), { method: "POST", body: "x=1", headers: { "content-type": "application/x-www-form-urlencoded" } });
    await hostile.request(url(news, "/api/auth/error?error=%E2%98%83"));
    await hostile.request(url(org.authHost, "/sso/handshake?site=news"), { navigation: true });

    // next-auth's own sign-out, then every logout scope.
    const b = browser();
    expect((await b.navigate(url(news, "/"))).status).toBe(200);
    expect((await signIn(b, news, "credentials", { email: reader.email, password: reader.password })).status).toBe(200);
    const csrf = await b.json<{ csrfToken: string }>(url(news, "/api/auth/csrf"));
    await b.request(url(news, "/api/auth/signout"), { method: "POST", body: new URLSearchParams({ csrfToken: csrf.json.csrfToken, json: "true" }).toString(), headers: { "content-type": "application/x-www-form-urlencoded", origin: `http://${news}:${app.port}` } });
    for (const where of ["THIS_DEVICE", "OTHER_DEVICES", "EVERYWHERE"]) {
      expect((await signIn(b, news, "credentials", { email: reader.email, password: reader.password })).status).toBe(200);
      expect((await b.json(url(news, "/api/logout"), { method: "POST", body: { where } })).status).toBe(200);
    }

    // A short database outage mid-flow: the error paths log.
    await proxy.cut();
    const during = browser();
    expect((await during.request(url(news, "/"), { navigation: true })).status).toBe(503);
    expect((await a.request(url(news, "/api/sso/status"))).status).toBe(503);
    expect((await a.request(callbackUrl, { navigation: true })).status).toBe(503);
    await proxy.restore();
    const after = browser();
    expect((await after.navigate(url(news, "/"))).status).toBe(200);

    await app.stop(); // flush everything it had to say
    const output = app.output();
    const secrets = new Set<string>([...browsers.flatMap((x) => [...x.secrets]), ...passwords, env.AUTH_SECRET as string]);
    expect(secrets.size).toBeGreaterThan(30);
    const scan = scanLogForSecrets({ log: output, secrets: [...secrets].map((value) => ({ kind: "secret", value })) });
    expect(scan.leaked, "secret values found in the server's output").toEqual([]);
    // And no product secret at all, seen by these browsers or not: no secret-shaped token of the output is a stored hash.
    const stored = await storedSecretsInLog(output, storedHashLookup(env.DATABASE_URL as string));
    expect(stored.leaked, "stored secrets found in the server's output").toEqual([]);
    // The log did say something (so the check is not vacuous): at least the outage.
    expect(output).toMatch(/database unavailable/);

    const audit = await db.auditEvent.findMany({ where: { orgId: org.id }, select: { data: true, ip: true, type: true } });
    const auditText = JSON.stringify(audit);
    expect(audit.length).toBeGreaterThan(3);
    expect([...secrets].filter((secret) => auditText.includes(secret)), "secret values in the audit log").toEqual([]);

    recordFigures("log-secrets", { secretsChecked: scan.secretsChecked, secretShapedTokensChecked: stored.tokensChecked, logBytes: output.length, logLines: output.split("\n").length, auditRows: audit.length, leaked: scan.leaked.length + stored.leaked.length });
  });
});
