// `npm run soak -- --minutes 10` — a long run of mixed traffic at a steady rate against a
// production build, to show that the server's memory stays flat and that the tables of expired
// rows stay bounded by the purge job (design §8). NOT part of `npm test`.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> npm run soak -- --minutes 10 [--rate 20] [--port 3450]
//     [--sample-seconds 30] [--no-age] [--node-options=--max-old-space-size=160]
//
// It needs a build (`npm run build`) and a migrated local database; it starts its own `next
// start` (purging every 60 s), creates its own organisation, and runs, at `--rate` actions per
// second: new visitors' handshakes (4 hops each), status calls, page views, password sign-ins and
// logouts (THIS_DEVICE / EVERYWHERE). Every 30 s it samples the server's resident memory and the
// row counts (all, and expired or revoked) of one_time_tokens, site_sessions, sso_tokens and
// rate_limit_buckets. Verdict: no 5xx, no request lost, and the memory trend over the last third
// of the run at most 2 MB/min (exit code 1 otherwise); the figures go to reliability-results/.
//
// NOTE on time: the purge keeps an expired OTT for an hour and a revoked session or token for a
// day (to recognise a late replay, to investigate incidents), so within minutes it would have
// nothing to delete. Unless --no-age is given, the soak moves ITS OWN organisation's expired and
// revoked rows back past those retention windows once a minute, standing in for the hours passing,
// so the purge's real rules do the deleting. Rate-limit buckets expire within minutes anyway.
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { db, disconnectDatabase } from "@/lib/db/client";
import { env } from "@/lib/env";
import { hashPassword } from "@/lib/auth/password";
import { assertLocalDatabaseUrl } from "@/tooling/db/test-database";
import { TestBrowser } from "@/test/http/browser";
import { startAppInstance } from "@/test/reliability/support/app-instance";

const { values: args } = parseArgs({
  options: {
    minutes: { type: "string", default: "10" },
    rate: { type: "string", default: "20" },
    port: { type: "string", default: "3450" },
    "sample-seconds": { type: "string", default: "30" },
    "no-age": { type: "boolean", default: false },
    /** e.g. "--max-old-space-size=160": a small heap shows whether growth is a leak (it would crash) or lazy GC. */
    "node-options": { type: "string", default: "" },
  },
});
const minutes = Number(args.minutes);
const rate = Number(args.rate);
const sampleSeconds = Number(args["sample-seconds"]);
if (!(minutes > 0) || !(rate > 0) || !(sampleSeconds >= 5)) throw new Error("--minutes and --rate must be positive, --sample-seconds at least 5");

type Sample = {
  atSeconds: number;
  rssMb: number;
  requests: number;
  errors5xx: number;
  tables: Record<string, { rows: number; expired: number }>;
};

/** Least-squares slope of [seconds, MB] points, in MB per minute. */
function trend(points: [number, number][]): number {
  if (points.length < 2) return 0;
  const mx = points.reduce((sum, [x]) => sum + x, 0) / points.length;
  const my = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
  const num = points.reduce((sum, [x, y]) => sum + (x - mx) * (y - my), 0);
  const den = points.reduce((sum, [x]) => sum + (x - mx) ** 2, 0);
  return den === 0 ? 0 : (num / den) * 60;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round((kb / 1024) * 10) / 10;
}

/** This organisation's rows (and the rate-limit buckets, which belong to none), all and dead (expired, used or revoked). */
async function tableCounts(orgId: string): Promise<Sample["tables"]> {
  const rows = await db.$queryRaw<{ name: string; rows: bigint; expired: bigint }[]>`
    SELECT 'one_time_tokens' AS name, count(*) AS rows, count(*) FILTER (WHERE expires_at < now() OR used_at IS NOT NULL) AS expired FROM one_time_tokens WHERE org_id = ${orgId}::uuid
    UNION ALL SELECT 'site_sessions', count(*), count(*) FILTER (WHERE expires_at < now() OR revoked_at IS NOT NULL) FROM site_sessions WHERE org_id = ${orgId}::uuid
    UNION ALL SELECT 'sso_tokens', count(*), count(*) FILTER (WHERE expires_at < now() OR revoked_at IS NOT NULL) FROM sso_tokens WHERE org_id = ${orgId}::uuid
    UNION ALL SELECT 'rate_limit_buckets', count(*), count(*) FILTER (WHERE expires_at < now()) FROM rate_limit_buckets`;
  return Object.fromEntries(rows.map((r) => [r.name, { rows: Number(r.rows), expired: Number(r.expired) }]));
}

/** Stands in for hours passing: this organisation's dead rows are moved back past the purge's retention. */
async function ageDeadRows(orgId: string): Promise<void> {
  await db.$executeRaw`UPDATE one_time_tokens SET expires_at = expires_at - interval '2 hours', created_at = created_at - interval '2 hours'
                        WHERE org_id = ${orgId}::uuid AND expires_at < now() AND expires_at > now() - interval '1 hour'`;
  await db.$executeRaw`UPDATE site_sessions SET revoked_at = revoked_at - interval '2 days'
                        WHERE org_id = ${orgId}::uuid AND revoked_at IS NOT NULL AND revoked_at > now() - interval '1 day'`;
  await db.$executeRaw`UPDATE sso_tokens SET revoked_at = revoked_at - interval '2 days'
                        WHERE org_id = ${orgId}::uuid AND revoked_at IS NOT NULL AND revoked_at > now() - interval '1 day'`;
}

async function main(): Promise<number> {
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) throw new Error("Set DATABASE_URL to a migrated local database");
  assertLocalDatabaseUrl(databaseUrl);
  if (!existsSync(".next/BUILD_ID")) throw new Error("No production build: run `npm run build` first");

  const app = await startAppInstance({
    name: "soak",
    preferredPort: Number(args.port),
    env: {
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: env.AUTH_SECRET ?? randomBytes(32).toString("base64url"),
      PURGE_INTERVAL_SECONDS: "60",
      ...(args["node-options"] ? { NODE_OPTIONS: args["node-options"] } : {}),
    },
  });
  const tag = randomUUID().slice(0, 8);
  const org = await db.organization.create({ data: { slug: `soak-${tag}`, name: `Soak ${tag}`, authHost: `auth-soak-${tag}.localhost`, ssoMode: "auto_login", ottTtlSeconds: 30 } });
  const hosts: string[] = [];
  for (const slug of ["news", "sport", "recipes"]) {
    const host = `${slug}-soak-${tag}.localhost`;
    const site = await db.site.create({ data: { orgId: org.id, slug, name: `${slug} ${tag}`, logoText: slug.toUpperCase(), callbackUrl: `http://${host}:${app.port}/sso/callback` } });
    await db.siteHostname.create({ data: { hostname: host, siteId: site.id, isPrimary: true } });
    hosts.push(host);
  }
  const password = "soak-reader-password-1";
  const passwordHash = await hashPassword(password);
  const readers = await Promise.all(Array.from({ length: 10 }, (_, i) => db.reader.create({ data: { orgId: org.id, email: `soak-${i}-${tag}@example.com`, passwordHash } })));
  console.log(`soak: ${minutes} min at ${rate} actions/s against next start on port ${app.port} (pid ${app.pid}), organisation ${org.slug}${args["no-age"] ? "" : ", ageing its dead rows once a minute"}`);

  const url = (host: string, path: string) => `http://${host}:${app.port}${path}`;
  const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)] as T;
  const visitors: TestBrowser[] = [];
  let requests = 0;
  let errors5xx = 0;
  let networkErrors = 0;
  const count = (status: number) => {
    requests += 1;
    if (status >= 500) errors5xx += 1;
  };
  const actions: (() => Promise<void>)[] = [
    async () => {
      // A new visitor: page → auth domain → callback → page.
      const browser = new TestBrowser();
      const page = await browser.navigate(url(pick(hosts), "/"));
      for (const hop of page.hops) count(hop.status);
      visitors.push(browser);
      if (visitors.length > 200) visitors.shift();
    },
    async () => {
      const browser = visitors.length > 0 ? pick(visitors) : new TestBrowser();
      count((await browser.request(url(pick(hosts), "/api/sso/status"))).status);
    },
    async () => {
      const browser = visitors.length > 0 ? pick(visitors) : new TestBrowser();
      const page = await browser.navigate(url(pick(hosts), "/articles/harbour-bridge-reopens"));
      for (const hop of page.hops) count(hop.status);
    },
    async () => {
      const browser = visitors.length > 0 ? pick(visitors) : new TestBrowser();
      const host = pick(hosts);
      const csrf = await browser.json<{ csrfToken: string }>(url(host, "/api/auth/csrf"));
      count(csrf.status);
      const form = new URLSearchParams({ csrfToken: csrf.json?.csrfToken ?? "", email: pick(readers).email, password, json: "true" });
      count((await browser.request(url(host, "/api/auth/callback/credentials"), { method: "POST", body: form.toString(), headers: { "content-type": "application/x-www-form-urlencoded", origin: `http://${host}:${app.port}` } })).status);
    },
    async () => {
      const browser = visitors.length > 0 ? pick(visitors) : new TestBrowser();
      const host = pick(hosts);
      const response = await browser.json(url(host, "/api/logout"), { method: "POST", body: { where: Math.random() < 0.8 ? "THIS_DEVICE" : "EVERYWHERE" } });
      count(response.status); // 409 when that browser is not signed in: fine
    },
  ];
  const weights = [3, 4, 3, 2, 1];
  const weighted = actions.flatMap((action, i) => Array.from({ length: weights[i] ?? 1 }, () => action));

  const samples: Sample[] = [];
  const started = performance.now();
  const sample = async () => {
    const entry: Sample = { atSeconds: Math.round((performance.now() - started) / 1000), rssMb: rssMb(app.pid), requests, errors5xx, tables: await tableCounts(org.id) };
    samples.push(entry);
    const t = entry.tables;
    console.log(
      `t=${String(entry.atSeconds).padStart(4)}s rss=${entry.rssMb} MB requests=${requests} 5xx=${errors5xx} ` +
        Object.entries(t)
          .map(([name, c]) => `${name}=${c.rows}(${c.expired} dead)`)
          .join(" "),
    );
  };
  await sample();

  const endAt = started + minutes * 60_000;
  let inFlight = 0;
  let nextSampleAt = started + sampleSeconds * 1000;
  let nextAgeAt = started + 60_000;
  const interval = 1000 / rate;
  let due = started;
  while (performance.now() < endAt) {
    due += interval;
    if (inFlight < rate * 5) {
      inFlight += 1;
      void (pick(weighted) as () => Promise<void>)()
        .catch(() => (networkErrors += 1))
        .finally(() => (inFlight -= 1));
    }
    if (!args["no-age"] && performance.now() >= nextAgeAt) {
      nextAgeAt += 60_000;
      await ageDeadRows(org.id);
    }
    if (performance.now() >= nextSampleAt) {
      nextSampleAt += sampleSeconds * 1000;
      await sample();
    }
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 50));
  await sample();
  await app.stop();

  // Verdict on memory: the trend (least squares, MB per minute) over the last third of the run, after
  // V8 has sized its heap (RSS climbs for the first minutes of any Node server under load, then levels).
  const warm = samples.find((s) => s.atSeconds >= Math.min(60, minutes * 30)) ?? (samples[0] as Sample);
  const last = samples.at(-1) as Sample;
  const growthMb = last.rssMb - warm.rssMb;
  const tail = samples.filter((s) => s.atSeconds >= (minutes * 60 * 2) / 3);
  const slopeMbPerMinute = trend(tail.map((s) => [s.atSeconds, s.rssMb]));
  const deadPeak = Math.max(...samples.map((s) => s.tables.one_time_tokens?.expired ?? 0));
  const summary = {
    minutes,
    rate,
    requests,
    errors5xx,
    networkErrors,
    rssMb: { start: samples[0]?.rssMb, afterWarmUp: warm.rssMb, end: last.rssMb, max: Math.max(...samples.map((s) => s.rssMb)), lastThirdSlopeMbPerMinute: Number(slopeMbPerMinute.toFixed(2)) },
    nodeOptions: args["node-options"] || null,
    deadOneTimeTokens: { peak: deadPeak, end: last.tables.one_time_tokens?.expired },
    tablesAtEnd: last.tables,
    agedDeadRows: !args["no-age"],
    samples,
  };
  mkdirSync("reliability-results", { recursive: true });
  const file = `reliability-results/soak-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
  writeFileSync(file, JSON.stringify(summary, null, 2));
  console.log(`\nsoak summary (${file}):`);
  console.log(`  requests ${requests}, 5xx ${errors5xx}, requests that got no answer ${networkErrors}`);
  console.log(`  server RSS: start ${summary.rssMb.start} MB, after 1 min ${warm.rssMb} MB, end ${last.rssMb} MB, max ${summary.rssMb.max} MB (growth after 1 min ${growthMb.toFixed(1)} MB; trend over the last third ${slopeMbPerMinute.toFixed(2)} MB/min)`);
  console.log(`  dead one-time tokens: peak ${deadPeak}, end ${summary.deadOneTimeTokens.end}`);
  const flat = tail.length >= 3 && slopeMbPerMinute <= 2;
  const ok = errors5xx === 0 && networkErrors === 0 && flat;
  console.log(`  verdict: ${ok ? "PASS" : "FAIL"} (no 5xx and no lost request: ${errors5xx === 0 && networkErrors === 0}; memory flat over the last third, at most 2 MB/min: ${flat})`);
  await disconnectDatabase();
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`soak failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
