// GET /orgs/<slug>/activity — SSO activity per site: OTTs issued / redeemed / expired /
// refused per hour over the last 24 hours, and the SSO status of live sessions now, as small
// server-rendered SVG charts (numbers also in visually hidden tables).
import type { Metadata } from "next";
import { AdminShell } from "@/components/admin/admin-shell";
import { HourlyBarChart, SessionsBar } from "@/components/admin/charts";
import { getSsoActivity } from "@/lib/admin/activity";
import { formatUtc, formatUtcHour } from "@/lib/admin/format";
import { requireOrgPage } from "@/lib/admin/page-access";
import { modeLabels } from "@/lib/admin/sso-settings-rules";

export const metadata: Metadata = { title: "Activity · multisite-sso admin" };

const series = [
  { key: "issued", title: "OTTs issued", color: "#2b6cb0" },
  { key: "redeemed", title: "Redeemed", color: "#2f855a" },
  { key: "expired", title: "Expired unused", color: "#b7791f" },
  { key: "refused", title: "Refused", color: "#c53030" },
] as const;

export default async function ActivityPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const access = await requireOrgPage({ orgSlug, path: `/orgs/${orgSlug}/activity` });
  const activity = await getSsoActivity({ orgId: access.org.id });
  return (
    <AdminShell org={access.org} role={access.role} staff={access.staff} memberships={access.memberships} current="activity">
      <h1>SSO activity</h1>
      <p className="admin-lede">
        Handshakes per hour over the last 24 hours (UTC, the current hour last) and the SSO status of live sessions now. As of {formatUtc(activity.generatedAt)}.
      </p>
      <p className="admin-hint">
        <strong>Refused</strong>: callbacks turned down (replayed, foreign, expired or invalid one-time tokens, state mismatches) — see the audit log.{" "}
        <strong>Known</strong>: anonymous on this site but signed in on another; <strong>unknown</strong>: not linked, or signed in nowhere.
      </p>
      <div className="admin-activity-grid">
        {activity.sites.map((site) => (
          <section key={site.id} className="admin-card admin-activity-site" aria-labelledby={`activity-${site.slug}`}>
            <h2 id={`activity-${site.slug}`}>
              {site.name} <span className={`admin-mode admin-mode-${site.effectiveMode}`}>{modeLabels[site.effectiveMode]}</span>
            </h2>
            <div className="admin-chart-grid">
              {series.map((s) => (
                <HourlyBarChart key={s.key} id={`chart-${site.slug}-${s.key}`} title={s.title} values={site.ott[s.key]} hours={activity.hours} color={s.color} />
              ))}
            </div>
            <SessionsBar
              id={`sessions-${site.slug}`}
              title="Live sessions now"
              slices={[
                { label: "authenticated", value: site.sessions.authenticated, color: "#2f855a" },
                { label: "known", value: site.sessions.known, color: "#2b6cb0" },
                { label: "unknown", value: site.sessions.unknown, color: "#a0a4ab" },
              ]}
            />
            {/* Tables ignore width/overflow, so the wrapper is what is visually hidden. */}
            <div className="admin-visually-hidden">
            <table>
              <caption>{`One-time tokens per hour on ${site.name}`}</caption>
              <thead>
                <tr>
                  <th scope="col">Hour (UTC)</th>
                  {series.map((s) => (
                    <th key={s.key} scope="col">
                      {s.title}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {activity.hours.map((hour, i) => (
                  <tr key={hour.toISOString()}>
                    <th scope="row">{formatUtcHour(hour)}</th>
                    {series.map((s) => (
                      <td key={s.key}>{site.ott[s.key][i] ?? 0}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            </div>
          </section>
        ))}
      </div>
    </AdminShell>
  );
}
