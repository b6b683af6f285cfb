// SSO activity of one organisation, per site: what its handshakes did in the last 24 hours
// (OTTs issued / redeemed / expired / refused, in hourly buckets) and what its live sessions
// are now (unknown / known / authenticated, by the definitions of lib/sso/sso-status.ts).
// Plain SQL aggregates on indexed columns; times are the database's clock.
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { isLiveSiteSession, isLiveSsoToken } from "@/lib/sso/live-rows";
import { getEffectiveMode, type SsoMode } from "@/lib/sso/modes";
import type { AuditEventType } from "@/lib/audit/audit-event-types";

export const ACTIVITY_HOURS = 24;

/** Callback refusals recorded by lib/sso/redeem-one-time-token.ts, per site. */
export const REFUSAL_EVENT_TYPES = ["sso.ott_replayed", "sso.ott_foreign", "sso.ott_expired", "sso.ott_invalid", "sso.state_mismatch"] as const satisfies readonly AuditEventType[];

export type OttSeries = { issued: number[]; redeemed: number[]; expired: number[]; refused: number[] };
export type SessionCounts = { unknown: number; known: number; authenticated: number };

export type SiteActivity = {
  id: string;
  slug: string;
  name: string;
  effectiveMode: SsoMode;
  ott: OttSeries;
  totals: { issued: number; redeemed: number; expired: number; refused: number };
  sessions: SessionCounts;
};

export type SsoActivity = {
  /** Start of each hourly bucket, oldest first: the current hour and the 23 before it. */
  hours: Date[];
  generatedAt: Date;
  sites: SiteActivity[];
};

type WindowRow = { start: Date; now: Date };
type OttRow = { site_id: string; bucket: number; issued: number; redeemed: number; expired: number };
type RefusedRow = { site_id: string; bucket: number; refused: number };
type SessionRow = { site_id: string; total: number; known: number; authenticated: number };

// lib/sso/live-rows.ts's definitions, as the site context applies them.
const LIVE_SESSION = Prisma.raw(isLiveSiteSession("ss", "o"));
const LIVE_LINKED_SESSION = Prisma.raw(isLiveSiteSession("x", "o"));
const LIVE_TOKEN = Prisma.raw(isLiveSsoToken("t"));

function emptySeries(): number[] {
  return Array.from({ length: ACTIVITY_HOURS }, () => 0);
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

export async function getSsoActivity(options: { orgId: string }): Promise<SsoActivity> {
  const { orgId } = options;
  const [window] = await db.$queryRaw<WindowRow[]>`
    SELECT date_trunc('hour', now()) - make_interval(hours => ${ACTIVITY_HOURS - 1}) AS start, now() AS now`;
  if (!window) throw new Error("the database answered no time");
  const start = window.start;

  const [sites, otts, refusals, sessions] = await Promise.all([
    db.site.findMany({
      where: { orgId },
      select: { id: true, slug: true, name: true, ssoEnabled: true, ssoModeOverride: true, org: { select: { ssoMode: true } } },
      orderBy: { name: "asc" },
    }),
    // Index one_time_tokens (site_id, created_at) would serve a per-site query; per organisation the
    // window is small (OTTs are purged a day after expiry).
    db.$queryRaw<OttRow[]>`
      SELECT site_id::text AS site_id,
             (extract(epoch FROM date_trunc('hour', created_at) - ${start}::timestamptz) / 3600)::int AS bucket,
             count(*)::int AS issued,
             count(used_at)::int AS redeemed,
             (count(*) FILTER (WHERE used_at IS NULL AND expires_at <= now()))::int AS expired
        FROM one_time_tokens
       WHERE org_id = ${orgId}::uuid AND created_at >= ${start}::timestamptz
       GROUP BY 1, 2`,
    db.$queryRaw<RefusedRow[]>`
      SELECT site_id::text AS site_id,
             (extract(epoch FROM date_trunc('hour', created_at) - ${start}::timestamptz) / 3600)::int AS bucket,
             count(*)::int AS refused
        FROM audit_events
       WHERE org_id = ${orgId}::uuid AND created_at >= ${start}::timestamptz AND site_id IS NOT NULL
         AND type = ANY(${[...REFUSAL_EVENT_TYPES]}::text[])
       GROUP BY 1, 2`,
    // Live sessions now, classified exactly like GET /api/sso/status would answer for each.
    db.$queryRaw<SessionRow[]>`
      SELECT ss.site_id::text AS site_id,
             count(*)::int AS total,
             (count(*) FILTER (WHERE ss.reader_id IS NOT NULL AND t.id IS NOT NULL))::int AS authenticated,
             (count(*) FILTER (
                WHERE ss.reader_id IS NULL AND t.id IS NOT NULL AND t.reader_id IS NOT NULL
                  AND EXISTS (
                    SELECT 1 FROM site_sessions x
                     WHERE x.sso_token_id = t.id AND x.reader_id = t.reader_id
                       AND ${LIVE_LINKED_SESSION})))::int AS known
        FROM site_sessions ss
        JOIN organizations o ON o.id = ss.org_id
        LEFT JOIN sso_tokens t ON t.id = ss.sso_token_id AND t.org_id = o.id AND ${LIVE_TOKEN}
       WHERE ss.org_id = ${orgId}::uuid AND ${LIVE_SESSION}
       GROUP BY 1`,
  ]);

  const bySite = new Map<string, OttSeries>(sites.map((s) => [s.id, { issued: emptySeries(), redeemed: emptySeries(), expired: emptySeries(), refused: emptySeries() }]));
  const inRange = (bucket: number) => Number.isInteger(bucket) && bucket >= 0 && bucket < ACTIVITY_HOURS;
  for (const row of otts) {
    const series = bySite.get(row.site_id);
    if (!series || !inRange(row.bucket)) continue;
    series.issued[row.bucket] = row.issued;
    series.redeemed[row.bucket] = row.redeemed;
    series.expired[row.bucket] = row.expired;
  }
  for (const row of refusals) {
    const series = bySite.get(row.site_id);
    if (!series || !inRange(row.bucket)) continue;
    series.refused[row.bucket] = row.refused;
  }
  const sessionsBySite = new Map(sessions.map((row) => [row.site_id, row]));

  return {
    hours: Array.from({ length: ACTIVITY_HOURS }, (_, i) => new Date(start.getTime() + i * 3_600_000)),
    generatedAt: window.now,
    sites: sites.map((site) => {
      const ott = bySite.get(site.id) ?? { issued: emptySeries(), redeemed: emptySeries(), expired: emptySeries(), refused: emptySeries() };
      const counts = sessionsBySite.get(site.id);
      return {
        id: site.id,
        slug: site.slug,
        name: site.name,
        effectiveMode: getEffectiveMode({ orgMode: site.org.ssoMode, siteSsoEnabled: site.ssoEnabled, siteModeOverride: site.ssoModeOverride }),
        ott,
        totals: { issued: sum(ott.issued), redeemed: sum(ott.redeemed), expired: sum(ott.expired), refused: sum(ott.refused) },
        sessions: counts
          ? { authenticated: counts.authenticated, known: counts.known, unknown: counts.total - counts.authenticated - counts.known }
          : { unknown: 0, known: 0, authenticated: 0 },
      };
    }),
  };
}
