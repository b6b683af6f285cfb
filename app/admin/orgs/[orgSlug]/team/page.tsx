// GET /orgs/<slug>/team — Team: the organisation's staff (role, second factor), pending
// invitations, inviting a colleague, and which staff must sign in with a second factor.
// Every role may read it; only owners change anything (the API refuses the others).
import type { Metadata } from "next";
import { AdminShell } from "@/components/admin/admin-shell";
import { TableScroll } from "@/components/admin/table-scroll";
import { ActionButton } from "@/components/admin/staff/action-button";
import { InviteForm, RoleForm, TwoFactorPolicyForm } from "@/components/admin/staff/team-forms";
import { formatUtc } from "@/lib/admin/format";
import { requireOrgPage } from "@/lib/admin/page-access";
import { roleLabels } from "@/lib/admin/roles";
import { getTeam } from "@/lib/staff/team";

export const metadata: Metadata = { title: "Team · multisite-sso admin" };

export default async function TeamPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const access = await requireOrgPage({ orgSlug, path: `/orgs/${orgSlug}/team` });
  const team = await getTeam({ orgId: access.org.id });
  const isOwner = access.role === "owner";
  const api = `/api/orgs/${access.org.slug}`;
  return (
    <AdminShell org={access.org} role={access.role} staff={access.staff} memberships={access.memberships} current="team">
      <h1>Team</h1>
      <p className="admin-lede">
        The staff of {access.org.name}. Owners invite colleagues, change roles and remove members; an organisation always keeps at least one owner.
      </p>

      <TableScroll label="Staff">
        <table className="admin-table admin-table-cards">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Two-factor</th>
              <th scope="col">Member since</th>
              {isOwner ? (
                <th scope="col">
                  <span className="admin-visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {team.members.map((m) => (
              <tr key={m.staffId}>
                <th scope="row">
                  {m.name}
                  {m.staffId === access.staff.id ? <span className="admin-muted"> (you)</span> : null}
                </th>
                <td data-label="Email">{m.email}</td>
                <td data-label="Role">{isOwner ? <RoleForm orgSlug={access.org.slug} staffId={m.staffId} name={m.name} role={m.role} canEdit /> : roleLabels[m.role]}</td>
                <td data-label="Two-factor">{m.twoFactor ? "On" : "Off"}</td>
                <td data-label="Member since">{formatUtc(new Date(m.joinedAt))}</td>
                {isOwner ? (
                  <td>
                    <ActionButton
                      endpoint={`${api}/staff/${m.staffId}`}
                      method="DELETE"
                      label="Remove"
                      accessibleLabel={`Remove ${m.name} from ${access.org.name}`}
                      doneText="Removed."
                      confirmText={`Remove ${m.name} from ${access.org.name}? They lose access at once.`}
                    />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>

      <h2>Invite a colleague</h2>
      <p className="admin-hint">They get a mail with a link that works once, for 72 hours, to choose a password (or to join with the account they already have).</p>
      <InviteForm orgSlug={access.org.slug} canEdit={isOwner} />

      {team.invitations.length > 0 ? (
        <>
          <h2>Pending invitations</h2>
          <TableScroll label="Pending invitations">
            <table className="admin-table admin-table-cards">
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Invited by</th>
                  <th scope="col">Expires</th>
                  {isOwner ? (
                    <th scope="col">
                      <span className="admin-visually-hidden">Actions</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {team.invitations.map((i) => (
                  <tr key={i.id}>
                    <th scope="row">{i.email}</th>
                    <td data-label="Role">{roleLabels[i.role]}</td>
                    <td data-label="Invited by">{i.invitedBy ?? "—"}</td>
                    <td data-label="Expires">{formatUtc(new Date(i.expiresAt))}</td>
                    {isOwner ? (
                      <td>
                        <ActionButton endpoint={`${api}/invitations/${i.id}`} method="DELETE" label="Withdraw" accessibleLabel={`Withdraw the invitation to ${i.email}`} doneText="Withdrawn." />
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      ) : null}

      <TwoFactorPolicyForm orgSlug={access.org.slug} policy={team.twoFactorPolicy} canEdit={isOwner} />
    </AdminShell>
  );
}
