// GET /orgs/<slug>/api-tokens — API tokens for automation: each one's name, role, prefix,
// expiry, last use and state; owners create (shown once) and revoke. README, "API tokens".
import type { Metadata } from "next";
import { AdminShell } from "@/components/admin/admin-shell";
import { CreateApiTokenForm } from "@/components/admin/automation-forms";
import { PostActionButton } from "@/components/admin/post-action-button";
import { TableScroll } from "@/components/admin/table-scroll";
import { listApiTokens } from "@/lib/admin/api-tokens";
import { formatUtc } from "@/lib/admin/format";
import { requireOrgPage } from "@/lib/admin/page-access";
import { hasRole, roleLabels } from "@/lib/admin/roles";

export const metadata: Metadata = { title: "API tokens · multisite-sso admin" };

export default async function ApiTokensPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const access = await requireOrgPage({ orgSlug, path: `/orgs/${orgSlug}/api-tokens` });
  const tokens = await listApiTokens({ orgId: access.org.id });
  const isOwner = hasRole(access.role, "owner");
  return (
    <AdminShell org={access.org} role={access.role} staff={access.staff} memberships={access.memberships} current="api-tokens">
      <h1>API tokens</h1>
      <p className="admin-lede">
        Automation calls the console&apos;s API with <code>Authorization: Bearer &lt;token&gt;</code>. A token acts in {access.org.name} only, with the role it was given;
        the audit log names the token. It cannot create tokens, webhooks or site secrets.
      </p>
      <CreateApiTokenForm orgSlug={access.org.slug} canEdit={isOwner} />
      <h2>Tokens</h2>
      {tokens.length === 0 ? (
        <p className="admin-muted">No tokens yet.</p>
      ) : (
        <TableScroll label="API tokens">
          <table className="admin-table admin-table-cards">
            <caption className="admin-visually-hidden">API tokens of {access.org.name}, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Token</th>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used</th>
                <th scope="col">State</th>
                <th scope="col">
                  <span className="admin-visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => {
                const state = token.state;
                return (
                  <tr key={token.id} data-token-id={token.id}>
                    <th scope="row">{token.name}</th>
                    <td data-label="Role">{roleLabels[token.role]}</td>
                    <td data-label="Token">
                      <code>{token.displayPrefix}…</code>
                    </td>
                    <td data-label="Created">{formatUtc(new Date(token.createdAt))}</td>
                    <td data-label="Expires">{token.expiresAt ? formatUtc(new Date(token.expiresAt)) : "never"}</td>
                    <td data-label="Last used">{token.lastUsedAt ? formatUtc(new Date(token.lastUsedAt)) : "never"}</td>
                    <td data-label="State">
                      <span className={`admin-state admin-state-${state}`}>{state}</span>
                    </td>
                    <td data-label="Actions">
                      {state === "live" && isOwner ? (
                        <PostActionButton
                          method="DELETE"
                          endpoint={`/api/orgs/${access.org.slug}/api-tokens/${token.id}`}
                          label="Revoke"
                          accessibleLabel={`Revoke the token ${token.name}`}
                          doneText="Revoked."
                        />
                      ) : null}
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
