// GET /orgs/<slug>/readers/<id> — one reader's SSO tokens (one per browser) and site sessions,
// with revocation: one session, one browser (its SSO token and linked sessions), or everything.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminShell } from "@/components/admin/admin-shell";
import { RevokeButton } from "@/components/admin/revoke-button";
import { TableScroll } from "@/components/admin/table-scroll";
import { UserAgent } from "@/components/admin/user-agent";
import { formatUtc } from "@/lib/admin/format";
import { requireOrgPage } from "@/lib/admin/page-access";
import { describeAuditData } from "@/lib/admin/audit-log";
import { getReaderDetail, type LiveState } from "@/lib/admin/readers";
import { canManage } from "@/lib/admin/roles";
import { ReaderMailActions } from "@/components/admin/reader-mail-actions";
import { ReaderDataRights } from "@/components/admin/reader-data-rights";
import { listEmailVerifiedAt } from "@/lib/admin/reader-verification";
import { listSites } from "@/lib/admin/sites";

export const metadata: Metadata = { title: "Reader · multisite-sso admin" };

const signInEventLabels: Record<string, string> = {
  "auth.lockout": "Locked out",
  "auth.signin_failed": "Wrong password",
  "auth.signin_slowed": "Signed in, slowed down (account under attack)",
  "auth.signin": "Signed in",
};

const methodLabels: Record<string, string> = { password: "Password", register: "Registration", sso_auto: "SSO (automatic)", sso_opt_in: "SSO (Continue)", email_link: "Emailed link", password_reset: "Password reset" };

function State({ state }: { state: LiveState }) {
  return <span className={`admin-state admin-state-${state}`}>{state}</span>;
}

export default async function ReaderPage({ params }: { params: Promise<{ orgSlug: string; readerId: string }> }) {
  const { orgSlug, readerId } = await params;
  const access = await requireOrgPage({ orgSlug, path: `/orgs/${orgSlug}/readers/${encodeURIComponent(readerId)}` });
  const detail = await getReaderDetail({ orgId: access.org.id, readerId });
  if (!detail) notFound();
  const canEdit = canManage(access.role);
  const api = `/api/orgs/${access.org.slug}`;
  const { reader } = detail;
  const [verifiedAt, siteChoices] = await Promise.all([
    listEmailVerifiedAt({ orgId: access.org.id, readerIds: [reader.id] }).then((m) => m.get(reader.id) ?? null),
    canEdit ? listSites({ orgId: access.org.id }).then((sites) => sites.map((s) => ({ slug: s.slug, name: s.name }))) : [],
  ]);
  return (
    <AdminShell org={access.org} role={access.role} staff={access.staff} memberships={access.memberships} current="readers">
      <p className="admin-back">
        <Link href={`/orgs/${access.org.slug}/readers?q=${encodeURIComponent(reader.email)}`}>← Readers</Link>
      </p>
      <h1>{reader.email}</h1>
      <p className="admin-lede">
        {reader.displayName ? `${reader.displayName} · ` : ""}registered {formatUtc(reader.createdAt)} ·{" "}
        <span data-testid="email-verified">{verifiedAt ? `email confirmed ${formatUtc(verifiedAt)}` : "email not confirmed"}</span>
      </p>
      {canEdit && siteChoices.length > 0 ? (
        <section className="admin-card" aria-labelledby="reader-mail-heading">
          <h2 id="reader-mail-heading">Mail this reader</h2>
          <ReaderMailActions orgSlug={access.org.slug} readerId={reader.id} email={reader.email} verified={verifiedAt !== null} sites={siteChoices} />
        </section>
      ) : null}
      {canEdit ? (
        <div className="admin-card admin-danger-zone">
          <p>
            <strong>Sign out everywhere</strong>: revokes every site session and SSO token of this reader. They stay signed out until they sign in
            again.
          </p>
          <RevokeButton endpoint={`${api}/readers/${reader.id}/logout`} method="POST" label="Sign out everywhere" accessibleLabel={`Sign ${reader.email} out everywhere`} danger confirmText={`Sign ${reader.email} out of every site on every device?`} />
          <ReaderDataRights orgSlug={access.org.slug} readerId={reader.id} email={reader.email} />
        </div>
      ) : null}

      <h2>SSO tokens</h2>
      <p className="admin-hint">One per browser, at the auth domain. Revoking one signs that browser out on every site.</p>
      {detail.ssoTokens.length === 0 ? (
        <p className="admin-muted">None.</p>
      ) : (
        <TableScroll label="SSO tokens">
          <table className="admin-table admin-table-cards">
            <thead>
              <tr>
                <th scope="col">Token</th>
                <th scope="col">Created</th>
                <th scope="col">Last seen</th>
                <th scope="col">Signed in as this reader</th>
                <th scope="col">Live linked sessions</th>
                <th scope="col">State</th>
                {canEdit ? <th scope="col"><span className="admin-visually-hidden">Actions</span></th> : null}
              </tr>
            </thead>
            <tbody>
              {detail.ssoTokens.map((t) => (
                <tr key={t.id} data-sso-token={t.id}>
                  <th scope="row"><code>{t.id.slice(0, 8)}</code></th>
                  <td data-label="Created">{formatUtc(t.createdAt)}</td>
                  <td data-label="Last seen">{formatUtc(t.lastSeenAt)}</td>
                  <td data-label="Signed in as this reader">{t.isAuthenticatedAsReader ? "yes" : "no"}</td>
                  <td data-label="Live linked sessions">{t.linkedSessions}</td>
                  <td data-label="State"><State state={t.state} /></td>
                  {canEdit ? (
                    <td>{t.state === "revoked" ? null : <RevokeButton endpoint={`${api}/sso-tokens/${t.id}`} method="DELETE" label="Revoke" accessibleLabel={`Revoke SSO token ${t.id.slice(0, 8)}`} />}</td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      <h2>Site sessions</h2>
      <p className="admin-hint">One per browser and site. Revoking one signs the reader out of that site in that browser (under Auto Login they are signed back in while that browser is signed in elsewhere: revoke its SSO token instead).</p>
      {detail.siteSessions.length === 0 ? (
        <p className="admin-muted">None.</p>
      ) : (
        <TableScroll label="Site sessions">
          <table className="admin-table admin-table-cards">
            <thead>
              <tr>
                <th scope="col">Site</th>
                <th scope="col">Created</th>
                <th scope="col">Last seen</th>
                <th scope="col">How signed in</th>
                <th scope="col">SSO token</th>
                <th scope="col">Browser</th>
                <th scope="col">State</th>
                {canEdit ? <th scope="col"><span className="admin-visually-hidden">Actions</span></th> : null}
              </tr>
            </thead>
            <tbody>
              {detail.siteSessions.map((s) => (
                <tr key={s.id} data-site-session={s.id}>
                  <th scope="row">{s.site.name}</th>
                  <td data-label="Created">{formatUtc(s.createdAt)}</td>
                  <td data-label="Last seen">{formatUtc(s.lastSeenAt)}</td>
                  <td data-label="How signed in">{s.isSignedIn ? `${methodLabels[s.authMethod ?? ""] ?? "—"}${s.signedInAt ? `, ${formatUtc(s.signedInAt)}` : ""}` : "not signed in (linked)"}</td>
                  <td data-label="SSO token">{s.ssoTokenId ? <code>{s.ssoTokenId.slice(0, 8)}</code> : "not linked"}</td>
                  <td data-label="Browser">
                    <UserAgent userAgent={s.userAgent} />
                  </td>
                  <td data-label="State"><State state={s.state} /></td>
                  {canEdit ? (
                    <td>{s.state === "live" ? <RevokeButton endpoint={`${api}/site-sessions/${s.id}`} method="DELETE" label="Revoke" accessibleLabel={`Revoke the session on ${s.site.name}`} /> : null}</td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      <h2>Sign-in activity</h2>
      <p className="admin-hint">
        Failed, slowed and successful password sign-ins, and lockouts. A lockout refuses only the address that was guessing (or, after many failures
        from many addresses, browsers and networks this reader never used); the reader still signs in from their usual browser.
      </p>
      {detail.signInEvents.length === 0 ? (
        <p className="admin-muted">None.</p>
      ) : (
        <TableScroll label="Sign-in activity">
          <table className="admin-table admin-table-cards">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Event</th>
                <th scope="col">Detail</th>
                <th scope="col">Site</th>
                <th scope="col">Address</th>
              </tr>
            </thead>
            <tbody>
              {detail.signInEvents.map((e) => (
                <tr key={e.id} data-sign-in-event={e.type}>
                  <th scope="row">{formatUtc(e.createdAt)}</th>
                  <td data-label="Event">{signInEventLabels[e.type] ?? e.type}</td>
                  <td data-label="Detail">{describeAuditData(e.type, e.data)}</td>
                  <td data-label="Site">{e.siteName ?? "—"}</td>
                  <td data-label="Address">{e.ip ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </AdminShell>
  );
}
