// GET /orgs/<slug>/sites — each site with its hostnames and registered callback, and its SSO
// switches: participation (the kill switch) and a mode of its own; and the From of its mail.
import type { Metadata } from "next";
import { AdminShell } from "@/components/admin/admin-shell";
import { SiteSsoForm } from "@/components/admin/site-sso-form";
import { SiteMailFromForm } from "@/components/admin/site-mail-from-form";
import { Breakable } from "@/components/admin/breakable";
import { TableScroll } from "@/components/admin/table-scroll";
import { requireOrgPage } from "@/lib/admin/page-access";
import { canManage } from "@/lib/admin/roles";
import { listSites } from "@/lib/admin/sites";
import { getSsoSettings } from "@/lib/admin/sso-settings";
import { modeLabels } from "@/lib/admin/sso-settings-rules";

export const metadata: Metadata = { title: "Sites · multisite-sso admin" };

export default async function SitesPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const access = await requireOrgPage({ orgSlug, path: `/orgs/${orgSlug}/sites` });
  const [sites, settings] = await Promise.all([listSites({ orgId: access.org.id }), getSsoSettings({ orgId: access.org.id })]);
  const canEdit = canManage(access.role);
  return (
    <AdminShell org={access.org} role={access.role} staff={access.staff} memberships={access.memberships} current="sites">
      <h1>Sites</h1>
      <p className="admin-lede">
        Taking a site out of SSO (unticking <em>Participates in SSO</em>) stops its handshakes from its next request; the other sites are not affected.
        Readers already signed in on it stay signed in there.
      </p>
      <TableScroll label="Sites">
        <table className="admin-table admin-table-cards admin-sites-table">
          <caption className="admin-visually-hidden">Sites of {access.org.name} and their SSO switches</caption>
          <thead>
            <tr>
              <th scope="col">Site</th>
              <th scope="col">Hostnames</th>
              <th scope="col">Registered callback</th>
              <th scope="col">In force now</th>
              <th scope="col">SSO for this site</th>
              <th scope="col">Mail From</th>
            </tr>
          </thead>
          <tbody>
            {sites.map((site) => (
              <tr key={site.id} data-site={site.slug}>
                <th scope="row">
                  {site.name}
                  <div className="admin-muted">{site.slug}</div>
                </th>
                <td data-label="Hostnames">
                  {site.hostnames.length === 0 ? "—" : null}
                  <ul className="admin-plain-list">
                    {site.hostnames.map((h) => (
                      <li key={h.hostname}>
                        <code>{h.hostname}</code>
                        {h.isPrimary ? <span className="admin-muted"> (primary)</span> : null}
                      </li>
                    ))}
                  </ul>
                </td>
                <td data-label="Callback">
                  <code className="admin-break-word">
                    <Breakable text={site.callbackUrl} />
                  </code>
                </td>
                <td data-label="In force">
                  <span className={`admin-mode admin-mode-${site.effectiveMode}`}>{site.ssoEnabled ? modeLabels[site.effectiveMode] : "Out of SSO"}</span>
                </td>
                <td data-label="SSO">
                  <SiteSsoForm orgSlug={access.org.slug} site={site} orgMode={settings.mode} canEdit={canEdit} />
                </td>
                <td data-label="Mail From">
                  <SiteMailFromForm orgSlug={access.org.slug} site={site} canEdit={canEdit} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </AdminShell>
  );
}
