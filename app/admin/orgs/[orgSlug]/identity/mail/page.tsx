// GET /orgs/<slug>/identity/mail?state=&before=|after= — the organisation's delivery log: every
// message the product mailed for it (kind, recipient, state, attempts, last error, times), newest
// first, 50 a page, the counts per state, and dead letters with a Retry (owner/admin). Bodies are
// never shown: they are sealed at rest and erased once sent.
import type { Metadata } from "next";
import Link from "next/link";
import { AdminShell } from "@/components/admin/admin-shell";
import { Breakable } from "@/components/admin/breakable";
import { PostActionButton } from "@/components/admin/post-action-button";
import { TableScroll } from "@/components/admin/table-scroll";
import { formatUtc } from "@/lib/admin/format";
import { listOutbox, mailStates, outboxQuerySchema, type OutboxPage } from "@/lib/admin/outbox";
import { requireOrgPage } from "@/lib/admin/page-access";
import { canManage } from "@/lib/admin/roles";

export const metadata: Metadata = { title: "Mail · multisite-sso admin" };

type Props = { params: Promise<{ orgSlug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function first(value: string | string[] | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

const stateLabels = { pending: "Waiting", sending: "Sending", sent: "Sent", dead: "Dead letters" } as const;

export default async function MailPage({ params, searchParams }: Props) {
  const { orgSlug } = await params;
  const raw = await searchParams;
  const access = await requireOrgPage({ orgSlug, path: `/orgs/${orgSlug}/identity/mail`, searchParams: raw });
  const state = first(raw.state) ?? "";
  const parsed = outboxQuerySchema.safeParse({ state, before: first(raw.before) ?? "", after: first(raw.after) ?? "" });
  const page: OutboxPage | null = parsed.success ? await listOutbox({ orgId: access.org.id, query: parsed.data }) : null;
  const canRetry = canManage(access.role);
  const base = `/orgs/${access.org.slug}/identity/mail`;
  const link = (query: Record<string, string>) => {
    const text = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== "")).toString();
    return text ? `${base}?${text}` : base;
  };
  return (
    <AdminShell org={access.org} role={access.role} staff={access.staff} memberships={access.memberships} current="mail">
      <h1>Mail</h1>
      <p className="admin-lede">
        Every message mailed for {access.org.name}: verification, password reset, sign-in links, notices. Bodies are not kept once sent. A dead
        letter failed for good (a refused address, or out of attempts); Retry sends it again now.
      </p>
      {page ? (
        <ul className="admin-mail-counts" aria-label="Messages per state">
          <li>
            <Link href={link({})} aria-current={state === "" ? "page" : undefined}>
              All <strong>{mailStates.reduce((sum, s) => sum + page.counts[s], 0)}</strong>
            </Link>
          </li>
          {mailStates.map((s) => (
            <li key={s} data-state={s}>
              <Link href={link({ state: s })} aria-current={state === s ? "page" : undefined} className={s === "dead" && page.counts.dead > 0 ? "admin-mail-dead-count" : undefined}>
                {stateLabels[s]} <strong>{page.counts[s]}</strong>
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      {!parsed.success ? (
        <p role="alert" className="admin-error">
          {parsed.error.issues[0]?.message ?? "Invalid filter."}
        </p>
      ) : page && page.entries.length === 0 ? (
        <p role="status">No messages{state ? ` in this state` : ""}.</p>
      ) : page ? (
        <>
          <TableScroll label="Messages">
            <table className="admin-table admin-table-cards admin-mail-table">
              <caption className="admin-visually-hidden">Messages, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Created</th>
                  <th scope="col">Kind</th>
                  <th scope="col">To</th>
                  <th scope="col">State</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Last error</th>
                  <th scope="col">Sent</th>
                  {canRetry ? (
                    <th scope="col">
                      <span className="admin-visually-hidden">Actions</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {page.entries.map((m) => (
                  <tr key={m.id} data-mail-id={m.id} data-mail-state={m.state} className={m.state === "dead" ? "admin-row-dead" : undefined}>
                    <td data-label="Created" className="admin-audit-when">
                      {formatUtc(m.createdAt)}
                    </td>
                    <td data-label="Kind">
                      <code>
                        <Breakable text={m.kind} />
                      </code>
                      {m.siteName ? <span className="admin-audit-sub">{m.siteName}</span> : null}
                    </td>
                    <td data-label="To">
                      <Breakable text={m.toAddress} />
                    </td>
                    <td data-label="State">
                      <span className={`admin-state admin-mail-state-${m.state}`}>{m.state === "dead" ? "dead letter" : m.state}</span>
                      {m.state === "pending" && m.attempts > 0 ? <span className="admin-audit-sub">next try {formatUtc(m.nextAttemptAt)}</span> : null}
                    </td>
                    <td data-label="Attempts">{m.attempts}</td>
                    <td data-label="Last error">{m.lastError ? <Breakable text={m.lastError} /> : "—"}</td>
                    <td data-label="Sent">{m.sentAt ? formatUtc(m.sentAt) : "—"}</td>
                    {canRetry ? (
                      <td data-label="Actions">
                        {m.state === "dead" ? (
                          <PostActionButton endpoint={`/api/orgs/${access.org.slug}/mail/${m.id}/retry`} label="Retry" accessibleLabel={`Retry the ${m.kind} message to ${m.toAddress}`} doneText="Queued again." />
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <nav className="admin-pagination" aria-label="Mail pages">
            {page.newerCursor ? <Link href={link({ state, after: page.newerCursor })}>← Newer</Link> : <span className="admin-muted">← Newer</span>}
            {page.newerCursor ? <Link href={link({ state })}>Newest</Link> : null}
            {page.olderCursor ? <Link href={link({ state, before: page.olderCursor })}>Older →</Link> : <span className="admin-muted">Older →</span>}
          </nav>
        </>
      ) : null}
    </AdminShell>
  );
}
