// GET /orgs/<slug>/external-sites — sites this app does not serve (README, "External sites"):
// their client ids and callbacks; owners register one (client secret shown once) and rotate
// its secret with a grace period; taking one out of SSO is its participation switch (the same
// as on the Sites page). The CLIs (site:register-external, site:rotate-secret) do the same.
import type { Metadata } from "next";
import { AdminShell } from "@/components/admin/admin-shell";
import { RegisterExternalSiteForm, RotateSecretForm } from "@/components/admin/automation-forms";
import { Breakable } from "@/components/admin/breakable";
import { SiteSsoForm } from "@/components/admin/site-sso-form";
import { TableScroll } from "@/components/admin/table-scroll";
import { listExternalSites } from "@/lib/admin/external-sites";
import { formatUtc } from "@/lib/admin/format";
import { requireOrgPage } from "@/lib/admin/page-access";
import { canManage, hasRole } from "@/lib/admin/roles";
import { listSites } from "@/lib/admin/sites";
import { getSsoSettings } from "@/lib/admin/sso-settings";

export const metadata: Metadata = { title: "External sites · multisite-sso admin" };

export default async function ExternalSitesPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const access = await requireOrgPage({ orgSlug, path: `/orgs/${orgSlug}/external-sites` });
  const [external, sites, settings] = await Promise.all([listExternalSites({ orgId: access.org.id }), listSites({ orgId: access.org.id }), getSsoSettings({ orgId: access.org.id })]);
  const isOwner = hasRole(access.role, "owner");
  return (
    <AdminShell org={access.org} role={access.role} staff={access.staff} memberships={access.memberships} current="external-sites">
      <h1>External sites</h1>
      <p className="admin-lede">
        Sites on other servers take part in SSO through a handshake to their registered callback and server-to-server calls authenticated with their client id and
        secret (examples/external-site shows one).
      </p>
      <RegisterExternalSiteForm orgSlug={access.org.slug} canEdit={isOwner} />
      <h2>Registered</h2>
      {external.length === 0 ? (
        <p className="admin-muted">No external sites yet.</p>
      ) : (
        <TableScroll label="External sites">
          <table className="admin-table admin-table-cards">
            <caption className="admin-visually-hidden">External sites of {access.org.name}</caption>
            <thead>
              <tr>
                <th scope="col">Site</th>
                <th scope="col">Client id</th>
                <th scope="col">Callback</th>
                <th scope="col">Secret</th>
                <th scope="col">SSO</th>
              </tr>
            </thead>
            <tbody>
              {external.map((site) => {
                const adminSite = sites.find((s) => s.slug === site.slug);
                return (
                  <tr key={site.slug} data-site={site.slug}>
                    <th scope="row">
                      {site.name}
                      <div className="admin-muted">{site.slug}</div>
                    </th>
                    <td data-label="Client id">
                      <code data-testid="client-id">{site.clientId}</code>
                    </td>
                    <td data-label="Callback">
                      <code className="admin-break-word">
                        <Breakable text={site.callbackUrl} />
                      </code>
                    </td>
                    <td data-label="Secret">
                      <div className="admin-muted">
                        rotated {formatUtc(new Date(site.secretRotatedAt))}
                        {site.previousSecretExpiresAt ? `; previous works until ${formatUtc(new Date(site.previousSecretExpiresAt))}` : ""}
                      </div>
                      {isOwner ? <RotateSecretForm orgSlug={access.org.slug} site={site} canEdit={isOwner} /> : null}
                    </td>
                    <td data-label="SSO">
                      {adminSite ? <SiteSsoForm orgSlug={access.org.slug} site={adminSite} orgMode={settings.mode} canEdit={canManage(access.role)} /> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </AdminShell>
  );
}
