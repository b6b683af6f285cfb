// Two app instances on different ports sharing one Postgres (design §8: "any instance can serve
// any step of a handshake; nothing needs sticky sessions"): a handshake crosses instances, a mode
// change is in force on both at the next request, rate limits count across both (the counters
// are in Postgres), and killing one instance in the middle of a stream of handshakes loses no
// data while the other keeps serving. Instance A is the suite's server (TEST_APP_PORT); this file
// starts B itself and stops it by its PID.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { appPort, TestBrowser } from "../http/browser";
import { createTestOrg } from "../http/factory";
import { signInWithPassword, siteUrl, ssoStatus } from "../http/flows";
import { freshNonce, handshakeUntilCallback, locationOf, sessionOf, ssoTokenOf, stateCookieName, TOKEN_COOKIE } from "../http/sso-steps";
import { visit } from "../http/scenarios";
import { portNearSuite, startAppInstance, type AppInstance } from "./support/app-instance";
import { recordFigures } from "./support/figures";
import { randomIp } from "./support/arbitraries";

let b: AppInstance;
let portA: number;

beforeAll(async () => {
  portA = appPort();
  b = await startAppInstance({ name: "instance-b", preferredPort: portNearSuite(10) });
});

afterAll(async () => {
  await b?.stop();
});

/** The same URL on another instance (the port is the only difference between instances here). */
function on(port: number, url: string): string {
  const parsed = new URL(url);
  parsed.port = String(port);
  return parsed.toString();
}

describe("a handshake crosses instances", () => {
  it("started on A, finished on B: site and auth domain on A, the registered callback and the page on B", async () => {
    const org = await createTestOrg({ mode: "auto_login", port: b.port });
    const news = org.site("news").host;
    const browser = new TestBrowser();
    const page = await browser.navigate(`http://${news}:${portA}/articles/harbour-bridge-reopens`);
    expect(page.status).toBe(200);
    expect(page.hops.map((hop) => `${new URL(hop.url).hostname}:${new URL(hop.url).port}${new URL(hop.url).pathname}`)).toEqual([
      `${news}:${portA}/articles/harbour-bridge-reopens`,
      `${org.authHost}:${portA}/sso/handshake`,
      `${news}:${b.port}/sso/callback`,
      `${news}:${b.port}/articles/harbour-bridge-reopens`,
    ]);
    const session = await sessionOf(browser, news);
    const token = await ssoTokenOf(browser, org);
    expect(session?.ssoTokenId).toBe(token?.id);
  });

  it("each hop on another instance (site on B, auth domain on A, callback on B), then a sign-in on A is seen on B's other site at once", async () => {
    const org = await createTestOrg({ mode: "auto_login", port: b.port });
    const reader = await org.createReader();
    const news = org.site("news").host;
    const sport = org.site("sport").host;
    const browser = new TestBrowser();
    const first = await browser.request(`http://${news}:${b.port}/`, { navigation: true });
    expect(first.status).toBe(302);
    const handshakeOnA = on(portA, locationOf(first) as string);
    const minted = await browser.request(handshakeOnA, { navigation: true });
    expect(minted.status).toBe(302);
    const callback = locationOf(minted) as string;
    expect(new URL(callback).port).toBe(String(b.port));
    const linked = await browser.request(callback, { navigation: true });
    expect(linked.status).toBe(302);
    expect((await sessionOf(browser, news))?.ssoTokenId).toBe((await ssoTokenOf(browser, org))?.id);

    expect((await signInWithPassword(browser, news, reader.email, reader.password)).status).toBeLessThan(400);
    // The sign-in went to A (appPort); B signs the browser in on sport (Auto Login) from the same rows.
    const onSport = await browser.navigate(`http://${sport}:${b.port}/`);
    expect(onSport.status).toBe(200);
    const status = await browser.json<{ status: string; user: { email: string } | null }>(`http://${sport}:${b.port}/api/sso/status`);
    expect(status.json).toMatchObject({ status: "authenticated", user: { email: reader.email } });
  });
});

describe("modes are read from Postgres on every request, by every instance", () => {
  it("a mode change (SQL update) is in force on both instances at the very next request, caches warm or not", async () => {
    const org = await createTestOrg({ mode: "auto_login" });
    const news = org.site("news").host;
    const startsHandshake = async (port: number) => (await new TestBrowser().request(`http://${news}:${port}/`, { navigation: true })).status === 302;
    // Warm both instances (host cache, connection pools).
    expect(await startsHandshake(portA)).toBe(true);
    expect(await startsHandshake(b.port)).toBe(true);

    await db.$executeRaw`UPDATE organizations SET sso_mode = 'disabled'::"SsoMode" WHERE id = ${org.id}::uuid`;
    expect(await startsHandshake(b.port)).toBe(false);
    expect(await startsHandshake(portA)).toBe(false);
    const handshakeOnB = await new TestBrowser().request(`http://${org.authHost}:${b.port}/sso/handshake?site=news&state=${freshNonce()}`, { navigation: true });
    expect(handshakeOnB.status, "the auth domain on B refuses at once too").toBe(302);
    expect(new URL(String(handshakeOnB.headers.location)).searchParams.get("error")).toBe("sso_disabled");

    await db.$executeRaw`UPDATE organizations SET sso_mode = 'opt_in'::"SsoMode" WHERE id = ${org.id}::uuid`;
    expect(await startsHandshake(portA)).toBe(true);
    expect(await startsHandshake(b.port)).toBe(true);

    // The per-site kill switch, likewise.
    await db.site.update({ where: { id: org.site("news").id }, data: { ssoEnabled: false } });
    expect(await startsHandshake(b.port)).toBe(false);
    expect(await startsHandshake(portA)).toBe(false);
  });
});

describe("brute force is counted across instances (rate-limit buckets in Postgres)", () => {
  async function failSignIn(port: number, host: string, email: string, ip: string) {
    const browser = new TestBrowser({ ip });
    const base = `http://${host}:${port}`;
    const csrf = await browser.json<{ csrfToken: string }>(`${base}/api/auth/csrf`);
    const form = new URLSearchParams({ csrfToken: csrf.json.csrfToken, email, password: "wrong-password-123", json: "true", callbackUrl: `${base}/` });
    return browser.request(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      body: form.toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
      sameOrigin: true,
    });
  }

  it("5 failed sign-ins on one account from one address, alternating A and B, lock that address out of the account on both (429 with Retry-After, even with the right password)", async () => {
    const org = await createTestOrg({ mode: "opt_in" });
    const reader = await org.createReader();
    const news = org.site("news").host;
    const attacker = randomIp();
    for (let i = 0; i < 5; i++) {
      const response = await failSignIn(i % 2 === 0 ? portA : b.port, news, reader.email, attacker);
      expect(response.status, `failure ${i + 1}`).toBeLessThan(429);
    }
    for (const port of [portA, b.port]) {
      const browser = new TestBrowser({ ip: attacker });
      const base = `http://${news}:${port}`;
      const csrf = await browser.json<{ csrfToken: string }>(`${base}/api/auth/csrf`);
      const form = new URLSearchParams({ csrfToken: csrf.json.csrfToken, email: reader.email, password: reader.password, json: "true", callbackUrl: `${base}/` });
      const locked = await browser.request(`${base}/api/auth/callback/credentials`, { method: "POST", body: form.toString(), headers: { "content-type": "application/x-www-form-urlencoded" }, sameOrigin: true });
      expect(locked.status, `instance on ${port}`).toBe(429);
      expect(Number(locked.headers["retry-after"])).toBeGreaterThan(0);
      expect(JSON.parse(locked.body)).toMatchObject({ error: { code: "rate_limited" } });
    }
    expect(await db.auditEvent.count({ where: { orgId: org.id, type: "auth.signin_failed", readerId: reader.id } })).toBe(5);
    expect(await db.auditEvent.count({ where: { orgId: org.id, type: "auth.lockout", readerId: reader.id } })).toBe(1);
  });

  it("20 failed sign-ins from one address, alternating A and B over 20 accounts, throttle that address on both", async () => {
    const org = await createTestOrg({ mode: "opt_in" });
    const news = org.site("news").host;
    const ip = randomIp();
    for (let i = 0; i < 20; i++) {
      const response = await failSignIn(i % 2 === 0 ? portA : b.port, news, `nobody-${i}@example.com`, ip);
      expect(response.status, `failure ${i + 1}`).toBeLessThan(429);
    }
    for (const port of [b.port, portA]) {
      const response = await failSignIn(port, news, "someone-else@example.com", ip);
      expect(response.status, `instance on ${port}`).toBe(429);
    }
  });

  it("20 failed OTT redemptions from one address, alternating A and B, stop that address redeeming even a valid OTT (on both), while another address still can", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const news = org.site("news").host;
    const ip = randomIp();
    const attacker = new TestBrowser({ ip });
    await attacker.request(siteUrl(news, "/"), { navigation: true }); // a session; the handshake is left hanging
    for (let i = 0; i < 20; i++) {
      const state = freshNonce();
      attacker.setCookie(news, stateCookieName(state), `${state}.${Buffer.from("/").toString("base64url")}`);
      const port = i % 2 === 0 ? portA : b.port;
      const response = await attacker.request(`http://${news}:${port}/sso/callback?ott=${freshNonce()}&state=${state}`, { navigation: true });
      expect(response.status, `failure ${i + 1}`).toBe(302);
    }
    for (const port of [portA, b.port]) {
      const victimOfSameAddress = new TestBrowser({ ip });
      const steps = await handshakeUntilCallback(victimOfSameAddress, news);
      const callback = await victimOfSameAddress.request(on(port, steps.callbackUrl), { navigation: true });
      expect(callback.status).toBe(302);
      expect((await sessionOf(victimOfSameAddress, news))?.ssoTokenId, `instance on ${port}: a throttled address links nothing`).toBeNull();
    }
    const other = new TestBrowser();
    await visit(other, news);
    expect((await sessionOf(other, news))?.ssoTokenId).not.toBeNull();
  });

  it("30 handshakes of one SSO token in a minute, alternating A and B, exhaust its mint limit on both (back to the callback with error=rate_limited, no OTT)", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const browser = new TestBrowser();
    let token: string | null = null;
    // The first handshake creates the token (counted against the address); the next 30 count against the token.
    for (let i = 0; i < 31; i++) {
      const port = i % 2 === 0 ? portA : b.port;
      const response = await browser.request(`http://${org.authHost}:${port}/sso/handshake?site=news&state=${freshNonce()}`, { navigation: true });
      expect(response.status, `handshake ${i + 1}`).toBe(302);
      expect(new URL(String(response.headers.location)).searchParams.has("ott"), `handshake ${i + 1}`).toBe(true);
      token ??= browser.cookie(org.authHost, TOKEN_COOKIE);
    }
    expect(token).not.toBeNull();
    for (const port of [b.port, portA]) {
      const response = await browser.request(`http://${org.authHost}:${port}/sso/handshake?site=news&state=${freshNonce()}`, { navigation: true });
      expect(response.status, `instance on ${port}`).toBe(302);
      const callback = new URL(String(response.headers.location));
      expect(callback.searchParams.get("error")).toBe("rate_limited");
      expect(callback.searchParams.has("ott")).toBe(false);
    }
  });
});

describe("losing an instance", () => {
  it("killing B (SIGKILL) in the middle of a stream of handshakes loses no data: every flow completes (hops B cannot answer are retried on A, as a load balancer does), every link is whole, and A keeps answering", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news", "sport", "recipes"] });
    const reader = await org.createReader();
    const hosts = Object.values(org.sites).map((s) => s.host);
    const FLOWS = 36;
    const KILL_AFTER = 12;
    let completed = 0;
    let killedAt: number | null = null;
    const down = new Set<number>();
    const stats = { hops: 0, onB: 0, retriedOnA: 0, maxMsOnA: 0, maxMsOnAAfterKill: 0, statuses: {} as Record<number, number> };

    /** One hop as a load balancer in front of A and B would route it: alternate, and on a connection failure retry on the other. */
    const hop = async (browser: TestBrowser, url: string, turn: number, init: { method?: string; body?: string; headers?: Record<string, string>; sameOrigin?: boolean; navigation?: boolean } = { navigation: true }) => {
      const preferred = turn % 2 === 0 ? portA : b.port;
      const port = down.has(preferred) ? portA : preferred;
      const started = performance.now();
      try {
        const response = await browser.request(on(port, url), init);
        record(port, response.status, performance.now() - started);
        return response;
      } catch (error) {
        if (port === portA) throw error;
        down.add(port);
        stats.retriedOnA += 1;
        const again = performance.now();
        const response = await browser.request(on(portA, url), init);
        record(portA, response.status, performance.now() - again);
        return response;
      }
    };
    const record = (port: number, status: number, ms: number) => {
      stats.hops += 1;
      stats.statuses[status] = (stats.statuses[status] ?? 0) + 1;
      if (port === portA) {
        stats.maxMsOnA = Math.max(stats.maxMsOnA, ms);
        if (killedAt !== null) stats.maxMsOnAAfterKill = Math.max(stats.maxMsOnAAfterKill, ms);
      } else stats.onB += 1;
      expect(status, `a ${status} from ${port === portA ? "A" : "B"}`).toBeLessThan(500);
    };

    const browsers: { browser: TestBrowser; host: string; signedIn: boolean; retried: boolean }[] = [];
    const flow = async (n: number) => {
      const browser = new TestBrowser();
      const retriesBefore = stats.retriedOnA;
      const host = hosts[n % hosts.length] as string;
      let url = siteUrl(host, `/articles/flow-${n}`);
      for (let turn = n; ; turn++) {
        const response = await hop(browser, url, turn);
        const location = locationOf(response);
        if (response.status < 300 || response.status >= 400 || !location) {
          expect(response.status).toBe(404); // the article does not exist; the page renders its 404
          break;
        }
        url = new URL(location, url).toString();
      }
      const signedIn = n % 4 === 0;
      if (signedIn) {
        const csrf = await hop(browser, siteUrl(host, "/api/auth/csrf"), n, { navigation: false });
        const form = new URLSearchParams({ csrfToken: (JSON.parse(csrf.body) as { csrfToken: string }).csrfToken, email: reader.email, password: reader.password, json: "true" });
        const response = await hop(browser, siteUrl(host, "/api/auth/callback/credentials"), n + 1, {
          method: "POST",
          body: form.toString(),
          headers: { "content-type": "application/x-www-form-urlencoded" },
          sameOrigin: true,
        });
        expect(response.status, response.body).toBe(200);
      }
      browsers.push({ browser, host, signedIn, retried: stats.retriedOnA > retriesBefore });
      completed += 1;
      if (completed === KILL_AFTER && killedAt === null) {
        killedAt = performance.now();
        await b.kill();
      }
    };

    // Four at a time, so flows are in flight on B when it dies.
    let next = 0;
    await Promise.all(Array.from({ length: 4 }, async () => {
      while (next < FLOWS) await flow(next++);
    }));

    expect(killedAt).not.toBeNull();
    expect(b.isRunning()).toBe(false);
    expect(completed).toBe(FLOWS);
    // Every flow's browser is linked (and signed in where it signed in), as A reads it now.
    // NOTE: a callback that B had committed but not yet answered when it died is retried on A as
    // a replay of a used OTT: the product then revokes what the first redemption linked (design §3),
    // so a flow whose hop was retried (only those) may end signed out and unlinked — never half-linked.
    let endedByReplayDefence = 0;
    for (const { browser, host, signedIn, retried } of browsers) {
      const session = await sessionOf(browser, host);
      const token = await ssoTokenOf(browser, org);
      if (retried && (session === null || session.revokedAt !== null)) {
        endedByReplayDefence += 1;
        continue;
      }
      expect(session?.revokedAt).toBeNull();
      expect(session?.ssoTokenId, `${host}: linked`).toBe(token?.id);
      const status = await ssoStatus(browser, host);
      expect(status.status).toBe(signedIn ? "authenticated" : "unknown");
    }
    // Replays arise only from hops retried on A (the flow may then have re-linked on a fresh
    // session, so the count is bounded by the retries, not equal to the flows that ended signed out).
    const replays = await db.auditEvent.count({ where: { orgId: org.id, type: "sso.ott_replayed" } });
    expect(replays).toBeGreaterThanOrEqual(endedByReplayDefence);
    expect(replays).toBeLessThanOrEqual(stats.retriedOnA);
    // No half-written link anywhere in the organisation: a used OTT always names the session it
    // linked, and that session is linked to the OTT's token.
    const halfWritten = await db.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) AS count FROM one_time_tokens o
        LEFT JOIN site_sessions s ON s.id = o.redeemed_session_id
       WHERE o.org_id = ${org.id}::uuid AND o.used_at IS NOT NULL
         AND (s.id IS NULL OR s.sso_token_id IS DISTINCT FROM o.sso_token_id)`;
    expect(Number(halfWritten[0]?.count)).toBe(0);
    const minted = await db.oneTimeToken.count({ where: { orgId: org.id } });
    const used = await db.oneTimeToken.count({ where: { orgId: org.id, usedAt: { not: null } } });
    // Every flow redeemed one OTT; a flow whose callback B redeemed just before it died (its
    // answer lost, the hop retried on A as a replay) redeems a second one when it starts again.
    expect(used).toBeGreaterThanOrEqual(FLOWS - endedByReplayDefence);
    expect(used).toBeLessThanOrEqual(FLOWS + stats.retriedOnA);
    // A kept answering, and quickly.
    expect(stats.maxMsOnAAfterKill).toBeLessThan(5_000);

    recordFigures("instance-kill", {
      flows: FLOWS,
      killedAfterFlows: KILL_AFTER,
      hops: stats.hops,
      hopsAnsweredByB: stats.onB,
      hopsRetriedOnA: stats.retriedOnA,
      ottsMinted: minted,
      ottsUsed: used,
      halfWrittenLinks: 0,
      flowsEndedByReplayDefence: endedByReplayDefence,
      maxMsOnAAfterKill: Math.round(stats.maxMsOnAAfterKill),
      statuses: stats.statuses,
    });
  });
});
