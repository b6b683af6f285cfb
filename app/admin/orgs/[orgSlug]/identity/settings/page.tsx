// GET /orgs/<slug>/identity/settings — Identity › Settings: the SSO mode (with the sequence
// diagram of the selected mode), lifetimes and what the Opt In prompt may reveal.
import type { Metadata } from "next";
import Link from "next/link";
import { AdminShell } from "@/components/admin/admin-shell";
import { SsoSettingsForm } from "@/components/admin/sso-settings-form";
import { HostedSignInForm } from "@/components/admin/hosted-sign-in-form";
import { DeviceLimitForm } from "@/components/admin/device-limit-form";
import { getDeviceLimitSettings } from "@/lib/admin/device-limit-settings";
import { formatUtc } from "@/lib/admin/format";
import { requireOrgPage } from "@/lib/admin/page-access";
import { canManage } from "@/lib/admin/roles";
import { listSites } from "@/lib/admin/sites";
import { getLastModeChange, getSsoSettings } from "@/lib/admin/sso-settings";
import { modeLabels } from "@/lib/admin/sso-settings-rules";

export const metadata: Metadata = { title: "Identity › Settings · multisite-sso admin" };

export default async function SettingsPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const access = await requireOrgPage({ orgSlug, path: `/orgs/${orgSlug}/identity/settings` });
  const [settings, sites, lastChange, deviceLimit] = await Promise.all([
    getSsoSettings({ orgId: access.org.id }),
    listSites({ orgId: access.org.id }),
    getLastModeChange({ orgId: access.org.id }),
    getDeviceLimitSettings({ orgId: access.org.id }),
  ]);
  const exceptions = sites.filter((s) => !s.ssoEnabled || s.ssoModeOverride !== null);
  return (
    <AdminShell org={access.org} role={access.role} staff={access.staff} memberships={access.memberships} current="settings">
      <h1>
        <span className="admin-crumb">Identity ›</span> Settings
      </h1>
      <p className="admin-lede">
        Single sign-on for the {sites.length} site{sites.length === 1 ? "" : "s"} of {access.org.name}.
        {lastChange ? ` Mode last changed ${formatUtc(lastChange.at)}${lastChange.by ? ` by ${lastChange.by}` : ""}.` : ""}
      </p>
      {exceptions.length > 0 ? (
        <p className="admin-note">
          Not every site follows this setting:{" "}
          {exceptions.map((s, i) => (
            <span key={s.slug}>
              {i > 0 ? "; " : ""}
              {s.name} {s.ssoEnabled ? `uses ${modeLabels[s.effectiveMode]}` : "is out of SSO"}
            </span>
          ))}
          . <Link href={`/orgs/${access.org.slug}/sites`}>Manage sites</Link>
        </p>
      ) : null}
      <SsoSettingsForm orgSlug={access.org.slug} orgName={access.org.name} initial={settings} canEdit={canManage(access.role)} exampleSiteName={sites[0]?.name ?? "another site"} />
      <HostedSignInForm orgSlug={access.org.slug} initial={settings.hostedSignIn} canEdit={canManage(access.role)} />
      <DeviceLimitForm orgSlug={access.org.slug} initial={deviceLimit} canEdit={canManage(access.role)} />
    </AdminShell>
  );
}
