// GET /orgs/<slug>/account — Your account: the signed-in staff member's own two-factor sign-in
// and their console sessions (each signed-in browser), any of which they can end.
import type { Metadata } from "next";
import { AdminShell } from "@/components/admin/admin-shell";
import { TableScroll } from "@/components/admin/table-scroll";
import { UserAgent } from "@/components/admin/user-agent";
import { ActionButton } from "@/components/admin/staff/action-button";
import { formatUtc } from "@/lib/admin/format";
import { requireOrgPage } from "@/lib/admin/page-access";
import { listOwnStaffSessions } from "@/lib/staff/own-sessions";
import { getTwoFactorStatus } from "@/lib/staff/two-factor";

export const metadata: Metadata = { title: "Your account · multisite-sso admin" };

export default async function AccountPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const path = `/orgs/${orgSlug}/account`;
  const access = await requireOrgPage({ orgSlug, path });
  const [status, sessions] = await Promise.all([getTwoFactorStatus(access.staff.id), listOwnStaffSessions({ staffId: access.staff.id, currentSessionId: access.sessionId })]);
  return (
    <AdminShell org={access.org} role={access.role} staff={access.staff} memberships={access.memberships} current="account">
      <h1>Your account</h1>
      <p className="admin-lede">
        {access.staff.name} · {access.staff.email}
      </p>

      <section className="admin-card" aria-labelledby="account-2fa">
        <h2 id="account-2fa">Two-factor sign-in</h2>
        {status.enabledAt ? (
          <p>
            On since {formatUtc(status.enabledAt)}. {status.recoveryCodesLeft} recovery code{status.recoveryCodesLeft === 1 ? "" : "s"} left.
          </p>
        ) : (
          <p>Off: your password alone signs you in.</p>
        )}
        <a className="admin-button" href={`/two-factor/enrol?next=${encodeURIComponent(path)}`}>
          {status.enabledAt ? "Move to a new authenticator app (new recovery codes)" : "Set up an authenticator app"}
        </a>
      </section>

      <h2>Your sessions</h2>
      <p className="admin-hint">Each browser signed in to the console as you. End any you do not recognise; change your password if you did not sign in there.</p>
      <TableScroll label="Your sessions">
        <table className="admin-table admin-table-cards">
          <thead>
            <tr>
              <th scope="col">Browser</th>
              <th scope="col">Address</th>
              <th scope="col">Signed in</th>
              <th scope="col">Last active</th>
              <th scope="col">Second factor</th>
              <th scope="col">
                <span className="admin-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  <UserAgent userAgent={s.userAgent} />
                  {s.current ? <span className="admin-muted"> (this browser)</span> : null}
                </th>
                <td data-label="Address">{s.ip ?? "—"}</td>
                <td data-label="Signed in">{formatUtc(s.createdAt)}</td>
                <td data-label="Last active">{formatUtc(s.lastSeenAt)}</td>
                <td data-label="Second factor">{s.secondFactor ? "yes" : "no"}</td>
                <td>
                  <ActionButton
                    endpoint={`/api/staff/sessions/${s.id}`}
                    method="DELETE"
                    label={s.current ? "Sign out" : "End"}
                    accessibleLabel={s.current ? "Sign out of this browser" : `End the session signed in ${formatUtc(s.createdAt)}`}
                    doneText="Ended."
                    reloadTo={s.current ? "/" : undefined}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </AdminShell>
  );
}
