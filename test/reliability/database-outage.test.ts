// The database goes away under traffic (design §8: state is in Postgres; errors §5). The shared
// Postgres server is never touched: this file starts its own app instance whose DATABASE_URL
// points at a TCP proxy of its own (support/tcp-proxy.ts), and "stops the database" by closing
// that proxy (connections refused and reset) for 10 s — the one deliberate wait — then by freezing
// it (connections open, nothing answered) for a few seconds. Measured: time to the first 503,
// the slowest answer during the outage, the time to recover once the database is back.
// Asserted: never a 500, every answer during the outage a clear 503 with Retry-After (the error
// shape on /api paths, a plain page elsewhere), no half-written link, and service resumes by
// itself (same process) — an OTT whose callback failed during the outage is redeemable after.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { TestBrowser } from "../http/browser";
import { createTestOrg, type TestOrg } from "../http/factory";
import { locationOf, sessionOf, ssoTokenOf } from "../http/sso-steps";
import { portNearSuite, startAppBehindDatabaseProxy, type AppInstance } from "./support/app-instance";
import { recordFigures } from "./support/figures";
import type { TcpProxy } from "./support/tcp-proxy";

const OUTAGE_MS = 10_000;
const FREEZE_MS = 6_000;
const REQUEST_TIMEOUT_MS = 15_000;
const PACE_MS = 40;

let proxy: TcpProxy;
let app: AppInstance;
let org: TestOrg;

beforeAll(async () => {
  ({ app, proxy } = await startAppBehindDatabaseProxy({ name: "outage", preferredPort: portNearSuite(20) }));
  org = await createTestOrg({ mode: "auto_login", sites: ["news", "sport"], port: app.port });
});

afterAll(async () => {
  await app?.stop();
  await proxy?.close();
});

type Sample = { kind: string; url: string; api: boolean; startedAt: number; endedAt: number; status: number; contentType: string; retryAfter: string | null; body: string };

/** One request with a deadline: a hang fails the test instead of stalling it. */
async function timed(browser: TestBrowser, kind: string, url: string, init: Parameters<TestBrowser["request"]>[1], samples: Sample[]) {
  const startedAt = performance.now();
  const response = await Promise.race([
    browser.request(url, init),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${kind} ${url}: no answer within ${REQUEST_TIMEOUT_MS} ms`)), REQUEST_TIMEOUT_MS)),
  ]);
  const pathname = new URL(url).pathname;
  samples.push({
    kind,
    url,
    api: pathname.startsWith("/api/"),
    startedAt,
    endedAt: performance.now(),
    status: response.status,
    contentType: String(response.headers["content-type"] ?? ""),
    retryAfter: typeof response.headers["retry-after"] === "string" ? response.headers["retry-after"] : null,
    body: response.body.slice(0, 2_000),
  });
  return response;
}

/**
 * Mixed traffic until `stop()`: full handshakes hop by hop (site → auth domain → callback → page),
 * status, meta, page views, next-auth CSRF, the auth domain's page. A callback that fails is kept
 * for a retry after recovery.
 */
function startTraffic(options: { linked: TestBrowser[]; workers: number }) {
  const samples: Sample[] = [];
  const failedCallbacks: { browser: TestBrowser; url: string }[] = [];
  const news = org.site("news").host;
  const base = `http://${news}:${app.port}`;
  let running = true;
  let turn = 0;
  const actions: ((browser: TestBrowser) => Promise<void>)[] = [
    async () => {
      const browser = new TestBrowser();
      let url = `${base}/`;
      for (let hop = 0; hop < 4; hop++) {
        const response = await timed(browser, hop === 2 ? "callback" : hop === 1 ? "handshake" : "page", url, { navigation: true }, samples);
        const location = locationOf(response);
        if (response.status !== 302 || !location) {
          if (hop === 2) failedCallbacks.push({ browser, url });
          return;
        }
        url = new URL(location, url).toString();
      }
    },
    async (browser) => void (await timed(browser, "status", `${base}/api/sso/status`, {}, samples)),
    async (browser) => void (await timed(browser, "page", `${base}/articles/harbour-bridge-reopens`, { navigation: true }, samples)),
    async (browser) => void (await timed(browser, "meta", `${base}/api/sso/status/meta`, { method: "PUT", body: JSON.stringify({ n: turn }), sameOrigin: true }, samples)),
    async (browser) => void (await timed(browser, "csrf", `${base}/api/auth/csrf`, {}, samples)),
    async (browser) => void (await timed(browser, "auth-domain", `http://${org.authHost}:${app.port}/`, { navigation: true }, samples)),
  ];
  const workers = Array.from({ length: options.workers }, async (_, w) => {
    while (running) {
      const n = turn++;
      const browser = options.linked[n % options.linked.length] as TestBrowser;
      const started = performance.now();
      await (actions[(n + w) % actions.length] as (b: TestBrowser) => Promise<void>)(browser);
      // A steady rate (about PACE_MS per action per worker), not a flood: 503s come back in a few ms.
      const rest = PACE_MS - (performance.now() - started);
      if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
    }
  });
  return {
    samples,
    failedCallbacks,
    async stop() {
      running = false;
      await Promise.all(workers);
    },
  };
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function expectClear503(sample: Sample): void {
  const label = `${sample.kind} ${sample.url} during the outage`;
  expect(sample.status, `${label}: ${sample.body}`).toBe(503);
  expect(sample.retryAfter, label).not.toBeNull();
  if (sample.api) {
    expect(sample.contentType, label).toMatch(/^application\/json/);
    expect(JSON.parse(sample.body), label).toEqual({ error: { code: "service_unavailable", message: expect.any(String) } });
  } else {
    expect(sample.contentType, label).toMatch(/^text\/html/);
    expect(sample.body, label).toContain("service_unavailable");
  }
}

/** Each used OTT names the session it linked, and that session is linked to the OTT's token. */
async function halfWrittenLinks(): Promise<number> {
  const rows = await db.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) AS count FROM one_time_tokens o
      LEFT JOIN site_sessions s ON s.id = o.redeemed_session_id
     WHERE o.org_id = ${org.id}::uuid AND o.used_at IS NOT NULL
       AND (s.id IS NULL OR s.sso_token_id IS DISTINCT FROM o.sso_token_id)`;
  return Number(rows[0]?.count ?? 0);
}

describe("the database goes away under traffic", { timeout: 90_000 }, () => {
  it(`refused for ${OUTAGE_MS / 1000} s: a clear 503 at once on every endpoint, never a 500 or a hang, no half-written link, and service resumes by itself`, async () => {
    const pid = app.pid;
    // Browsers linked through the instance while the database is there.
    const linked = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const browser = new TestBrowser();
        const page = await browser.navigate(`http://${org.site("news").host}:${app.port}/`);
        expect(page.status).toBe(200);
        return browser;
      }),
    );
    // Handshakes minted before the outage whose callbacks will arrive during it.
    const pending = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const browser = new TestBrowser();
        const page = await browser.request(`http://${org.site("news").host}:${app.port}/`, { navigation: true });
        const minted = await browser.request(locationOf(page) as string, { navigation: true });
        expect(minted.status).toBe(302);
        return { browser, callbackUrl: locationOf(minted) as string };
      }),
    );
    const traffic = startTraffic({ linked, workers: 4 });
    await until(() => traffic.samples.filter((s) => s.status < 400).length >= 20, 20_000, "traffic to flow");

    const cutAt = performance.now();
    await proxy.cut();
    const pendingDuring = await Promise.all(pending.map(({ browser, callbackUrl }) => timed(browser, "callback", callbackUrl, { navigation: true }, traffic.samples)));
    for (const response of pendingDuring) expect(response.status, "a callback during the outage").toBe(503);
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS - (performance.now() - cutAt))); // the one deliberate wait: the outage itself
    const restoreAt = performance.now();
    await proxy.restore();
    // Recovered: every kind of request has succeeded again since the database came back.
    const kinds = ["page", "handshake", "callback", "status", "meta", "csrf", "auth-domain"];
    await until(() => kinds.every((kind) => traffic.samples.some((s) => s.kind === kind && s.startedAt > restoreAt && s.status < 500)), 20_000, "every endpoint to answer again");
    const recoveredAt = performance.now();
    await traffic.stop();

    const { samples } = traffic;
    expect(samples.filter((s) => s.status >= 500 && s.status !== 503), "never a 5xx other than 503").toEqual([]);
    const during = samples.filter((s) => s.startedAt >= cutAt && s.endedAt <= restoreAt);
    expect(during.length).toBeGreaterThan(20);
    for (const sample of during) expectClear503(sample);
    const first503 = samples.filter((s) => s.status === 503).sort((x, y) => x.endedAt - y.endedAt)[0];
    expect(first503).toBeDefined();
    const timeToFirst503 = (first503 as Sample).endedAt - cutAt;
    const maxLatencyDuring = Math.max(...samples.filter((s) => s.startedAt >= cutAt && s.startedAt < restoreAt).map((s) => s.endedAt - s.startedAt));
    const firstSuccessAfter = samples.filter((s) => s.startedAt >= restoreAt && s.status < 500).sort((x, y) => x.endedAt - y.endedAt)[0];
    const recoveryMs = (firstSuccessAfter as Sample).endedAt - restoreAt;
    const after = samples.filter((s) => s.startedAt >= restoreAt + 1_000);
    expect(after.filter((s) => s.status >= 500), "after recovery, no 503 either").toEqual([]);

    expect(timeToFirst503).toBeLessThan(1_000);
    expect(maxLatencyDuring).toBeLessThan(3_000);
    expect(recoveryMs).toBeLessThan(5_000);
    expect(app.pid).toBe(pid);
    expect(app.isRunning()).toBe(true);

    // No half-written link, and a callback refused with a 503 left its OTT unused: the browser's
    // retry (a reload) redeems it now and links the session.
    expect(await halfWrittenLinks()).toBe(0);
    const retried = [
      ...pending.map(({ browser, callbackUrl }) => ({ browser, url: callbackUrl })),
      ...traffic.failedCallbacks.filter((c) => samples.some((s) => s.url === c.url && s.status === 503)).slice(0, 4),
    ];
    for (const { browser, url } of retried) {
      const response = await browser.request(url, { navigation: true });
      expect(response.status).toBe(302);
      const session = await sessionOf(browser, org.site("news").host);
      expect(session?.ssoTokenId, "linked after the retry").toBe((await ssoTokenOf(browser, org))?.id);
    }
    expect(await halfWrittenLinks()).toBe(0);

    recordFigures("database-outage", {
      kind: "connections refused and reset",
      outageSeconds: OUTAGE_MS / 1000,
      requests: samples.length,
      answeredDuringOutage: during.length,
      all503DuringOutage: true,
      timeToFirst503Ms: Math.round(timeToFirst503),
      maxLatencyDuringOutageMs: Math.round(maxLatencyDuring),
      recoveryAfterRestoreMs: Math.round(recoveryMs),
      everyEndpointBackAfterMs: Math.round(recoveredAt - restoreAt),
      callbacksRetriedAfterRecovery: retried.length,
      halfWrittenLinks: 0,
    });
  });

  it(`hung for ${FREEZE_MS / 1000} s (connections open, nothing answered): every request still gets a 503 within the connect/query timeouts, then service resumes by itself`, async () => {
    const linked = await Promise.all(
      Array.from({ length: 2 }, async () => {
        const browser = new TestBrowser();
        expect((await browser.navigate(`http://${org.site("news").host}:${app.port}/`)).status).toBe(200);
        return browser;
      }),
    );
    const traffic = startTraffic({ linked, workers: 4 });
    await until(() => traffic.samples.filter((s) => s.status < 400).length >= 10, 20_000, "traffic to flow");
    const freezeAt = performance.now();
    proxy.freeze();
    await until(() => performance.now() - freezeAt >= FREEZE_MS, FREEZE_MS + 1_000, "the freeze to last");
    const thawAt = performance.now();
    proxy.thaw();
    await until(() => traffic.samples.some((s) => s.startedAt > thawAt && s.status < 400) && traffic.samples.filter((s) => s.startedAt > thawAt + 500).length >= 10, 30_000, "service to resume");
    const resumedAt = traffic.samples.filter((s) => s.startedAt > thawAt && s.status < 400).sort((x, y) => x.endedAt - y.endedAt)[0]?.endedAt ?? performance.now();
    await traffic.stop();

    const { samples } = traffic;
    expect(samples.filter((s) => s.status >= 500 && s.status !== 503), "never a 5xx other than 503").toEqual([]);
    // Every request that was waiting on the database, started before the freeze or during it.
    // (One that had finished its queries when the freeze came may still have answered normally.)
    const caught = samples.filter((s) => s.endedAt > freezeAt && s.startedAt < thawAt && s.endedAt <= thawAt);
    for (const sample of caught.filter((s) => s.startedAt >= freezeAt)) expectClear503(sample);
    const first503 = Math.min(...caught.filter((s) => s.status === 503).map((s) => s.endedAt)) - freezeAt;
    const maxLatency = Math.max(...caught.map((s) => s.endedAt - s.startedAt));
    // Bounded by DATABASE_QUERY_TIMEOUT_MS (5 s) for a query on an open connection, DATABASE_CONNECT_TIMEOUT_MS (5 s) to get one.
    expect(maxLatency).toBeLessThan(8_000);
    expect(samples.filter((s) => s.startedAt > thawAt + 2_000 && s.status >= 500)).toEqual([]);
    expect(await halfWrittenLinks()).toBe(0);

    recordFigures("database-hang", {
      kind: "connections open, nothing answered",
      hangSeconds: FREEZE_MS / 1000,
      answeredDuringHang: caught.length,
      timeToFirst503Ms: Math.round(first503),
      maxLatencyDuringHangMs: Math.round(maxLatency),
      recoveryAfterThawMs: Math.round(resumedAt - thawAt),
      halfWrittenLinks: 0,
    });
  });
});
