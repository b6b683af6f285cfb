// GET /orgs/<slug>/audit?type=&from=&to=&before=|after= — the organisation's audit log: who
// changed what (old → new) and when, security events, wide logouts; 50 a page, newest first.
import type { Metadata } from "next";
import Link from "next/link";
import { AdminShell } from "@/components/admin/admin-shell";
import { Breakable } from "@/components/admin/breakable";
import { TableScroll } from "@/components/admin/table-scroll";
import { auditEventTypes } from "@/lib/audit/audit-event-types";
import { auditCategories, auditLogQuerySchema, describeAuditData, listAuditEvents, type AuditLogPage } from "@/lib/admin/audit-log";
import { formatUtc } from "@/lib/admin/format";
import { requireOrgPage } from "@/lib/admin/page-access";

export const metadata: Metadata = { title: "Audit log · multisite-sso admin" };

type Props = { params: Promise<{ orgSlug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function first(value: string | string[] | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export default async function AuditPage({ params, searchParams }: Props) {
  const { orgSlug } = await params;
  const raw = await searchParams;
  const access = await requireOrgPage({ orgSlug, path: `/orgs/${orgSlug}/audit`, searchParams: raw });
  const filters = { type: first(raw.type) ?? "", from: first(raw.from) ?? "", to: first(raw.to) ?? "" };
  const parsed = auditLogQuerySchema.safeParse({ ...filters, before: first(raw.before), after: first(raw.after) });
  const page: AuditLogPage | null = parsed.success ? await listAuditEvents({ orgId: access.org.id, query: parsed.data }) : null;
  const base = `/orgs/${access.org.slug}/audit`;
  const withFilters = (cursor: Record<string, string>) => {
    const query = new URLSearchParams(Object.entries({ ...filters, ...cursor }).filter(([, v]) => v !== ""));
    const text = query.toString();
    return text ? `${base}?${text}` : base;
  };
  return (
    <AdminShell org={access.org} role={access.role} staff={access.staff} memberships={access.memberships} current="audit">
      <h1>Audit log</h1>
      <form method="get" className="admin-filters" aria-label="Filter the audit log">
        <div className="admin-field">
          <label htmlFor="audit-type">Event type</label>
          <select id="audit-type" name="type" defaultValue={filters.type}>
            <option value="">All events</option>
            <optgroup label="Categories">
              {Object.entries(auditCategories).map(([key, category]) => (
                <option key={key} value={key}>
                  {category.label}
                </option>
              ))}
            </optgroup>
            <optgroup label="Event types">
              {auditEventTypes.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        <div className="admin-field">
          <label htmlFor="audit-from">From (UTC)</label>
          <input id="audit-from" name="from" type="date" defaultValue={filters.from} />
        </div>
        <div className="admin-field">
          <label htmlFor="audit-to">To (UTC, inclusive)</label>
          <input id="audit-to" name="to" type="date" defaultValue={filters.to} />
        </div>
        <div className="admin-filter-actions">
          <button type="submit" className="admin-button">
            Apply
          </button>
          <Link href={base}>Reset</Link>
        </div>
      </form>
      {parsed.success ? (
        <p className="admin-inline" aria-label="Export these events">
          Export these events:{" "}
          <a href={`/api/orgs/${access.org.slug}/audit/export?${new URLSearchParams(Object.entries({ ...filters, format: "csv" }).filter(([, v]) => v !== ""))}`} download>
            CSV
          </a>
          <a href={`/api/orgs/${access.org.slug}/audit/export?${new URLSearchParams(Object.entries({ ...filters, format: "json" }).filter(([, v]) => v !== ""))}`} download>
            JSON
          </a>
        </p>
      ) : null}
      {!parsed.success ? (
        <p role="alert" className="admin-error">
          {parsed.error.issues[0]?.message ?? "Invalid filter."}
        </p>
      ) : page && page.entries.length === 0 ? (
        <p role="status">No events match.</p>
      ) : page ? (
        <>
          <TableScroll label="Audit events">
            <table className="admin-table admin-audit-table admin-table-cards">
              <caption className="admin-visually-hidden">Audit events, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Event</th>
                  <th scope="col">Who</th>
                  <th scope="col">Change or detail</th>
                  <th scope="col">Site</th>
                  <th scope="col">Reader</th>
                  <th scope="col">IP</th>
                </tr>
              </thead>
              <tbody>
                {page.entries.map((entry) => (
                  <tr key={entry.id} data-audit-type={entry.type}>
                    <td data-label="When" className="admin-audit-when">
                      {formatUtc(entry.createdAt)}
                    </td>
                    <td data-label="Event">
                      <code>
                        <Breakable text={entry.type} />
                      </code>
                    </td>
                    <td data-label="Who">
                      {entry.actor ? (
                        <>
                          {entry.actor.name}
                          <span className="admin-audit-sub">
                            <Breakable text={entry.actor.email} />
                          </span>
                        </>
                      ) : entry.actorApiTokenId ? (
                        <>
                          API token
                          <span className="admin-audit-sub">
                            <code>{entry.actorApiTokenId}</code>
                          </span>
                        </>
                      ) : (
                        "—"
                      )}
                    </td>
                    <td data-label="Change">{describeAuditData(entry.type, entry.data)}</td>
                    <td data-label="Site">{entry.site?.name ?? "—"}</td>
                    <td data-label="Reader">{entry.reader ? <Link href={`/orgs/${access.org.slug}/readers/${entry.reader.id}`}>
                          <Breakable text={entry.reader.email} />
                        </Link> : "—"}</td>
                    <td data-label="IP">
                      {entry.ip ? (
                        <code>
                          <Breakable text={entry.ip} />
                        </code>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <nav className="admin-pagination" aria-label="Audit log pages">
            {page.newerCursor ? <Link href={withFilters({ after: page.newerCursor })}>← Newer</Link> : <span className="admin-muted">← Newer</span>}
            {page.newerCursor ? <Link href={withFilters({})}>Newest</Link> : null}
            {page.olderCursor ? <Link href={withFilters({ before: page.olderCursor })}>Older →</Link> : <span className="admin-muted">Older →</span>}
          </nav>
        </>
      ) : null}
    </AdminShell>
  );
}
