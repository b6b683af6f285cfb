// GET /orgs/<slug>/webhooks — where security events are pushed as they happen (signed, retried
// from the webhook outbox) and the delivery log: each delivery's event, state, attempts, last
// HTTP status or error. Owners add (the signing secret shown once) and stop webhooks.
import type { Metadata } from "next";
import { AdminShell } from "@/components/admin/admin-shell";
import { CreateWebhookForm } from "@/components/admin/automation-forms";
import { Breakable } from "@/components/admin/breakable";
import { PostActionButton } from "@/components/admin/post-action-button";
import { TableScroll } from "@/components/admin/table-scroll";
import { auditCategories } from "@/lib/admin/audit-log";
import { formatUtc } from "@/lib/admin/format";
import { requireOrgPage } from "@/lib/admin/page-access";
import { hasRole } from "@/lib/admin/roles";
import { listWebhookDeliveries, listWebhooks } from "@/lib/webhooks/webhooks";

export const metadata: Metadata = { title: "Webhooks · multisite-sso admin" };

// Single types after the families: the audit log's categories, each type by its name.
const eventChoices = [...new Set(Object.values(auditCategories).flatMap((category) => category.types))].map((type) => ({ value: type, label: "" }));

// The choices the form offers: whole families by prefix first (all of sso.*, auth.*, …), then single types.
const prefixChoices = [
  { value: "sso.", label: "Every SSO event" },
  { value: "auth.", label: "Every reader sign-in event" },
  { value: "staff.", label: "Every staff sign-in event" },
  { value: "admin.", label: "Every console action" },
];

export default async function WebhooksPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const access = await requireOrgPage({ orgSlug, path: `/orgs/${orgSlug}/webhooks` });
  const [webhooks, deliveries] = await Promise.all([listWebhooks({ orgId: access.org.id }), listWebhookDeliveries({ orgId: access.org.id })]);
  const isOwner = hasRole(access.role, "owner");
  return (
    <AdminShell org={access.org} role={access.role} staff={access.staff} memberships={access.memberships} current="webhooks">
      <h1>Webhooks</h1>
      <p className="admin-lede">
        Security events of {access.org.name} are POSTed to these URLs as they happen, signed with HMAC-SHA256 (<code>webhook-signature</code>, Standard Webhooks),
        and retried with backoff until the receiver answers 2xx. The README shows how to verify a delivery.
      </p>
      <CreateWebhookForm orgSlug={access.org.slug} canEdit={isOwner} eventChoices={[...prefixChoices, ...eventChoices]} />
      <h2>Endpoints</h2>
      {webhooks.length === 0 ? (
        <p className="admin-muted">No webhooks yet.</p>
      ) : (
        <ul className="admin-plain-list">
          {webhooks.map((webhook) => (
            <li key={webhook.id} className="admin-card" data-webhook-id={webhook.id}>
              <code className="admin-break-word">
                <Breakable text={webhook.url} />
              </code>
              <div className="admin-muted">
                {webhook.eventTypes.join(", ")} · since {formatUtc(new Date(webhook.createdAt))}
              </div>
              {isOwner ? (
                <PostActionButton method="DELETE" endpoint={`/api/orgs/${access.org.slug}/webhooks/${webhook.id}`} label="Stop" accessibleLabel={`Stop the webhook to ${webhook.url}`} doneText="Stopped." />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <h2>Delivery log</h2>
      {deliveries.length === 0 ? (
        <p className="admin-muted">Nothing delivered yet.</p>
      ) : (
        <TableScroll label="Webhook deliveries">
          <table className="admin-table admin-table-cards">
            <caption className="admin-visually-hidden">The latest 50 deliveries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Endpoint</th>
                <th scope="col">State</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last answer</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id} data-delivery-state={d.state} className={d.state === "dead" ? "admin-row-dead" : undefined}>
                  <th scope="row">
                    <code>{d.eventType}</code>
                  </th>
                  <td data-label="Endpoint">
                    <code className="admin-break-word">
                      <Breakable text={d.url} />
                    </code>
                  </td>
                  <td data-label="State">
                    <span className={`admin-state admin-mail-state-${d.state}`}>{d.state === "sent" ? "delivered" : d.state}</span>
                    {d.state === "pending" && d.attempts > 0 ? <span className="admin-audit-sub">next try {formatUtc(d.nextAttemptAt)}</span> : null}
                  </td>
                  <td data-label="Attempts">{d.attempts}</td>
                  <td data-label="Last answer">{d.lastStatus ? `HTTP ${d.lastStatus}` : ""} {d.lastError ?? ""}</td>
                  <td data-label="Created">{formatUtc(d.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </AdminShell>
  );
}
