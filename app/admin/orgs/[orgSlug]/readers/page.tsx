// GET /orgs/<slug>/readers?q=<email or prefix> | ?before=|after=<cursor> — the organisation's
// readers: the most recently registered first, 25 a page (keyset, lib/admin/readers.ts), or
// those whose email starts with the search.
import type { Metadata } from "next";
import Link from "next/link";
import { AdminShell } from "@/components/admin/admin-shell";
import { TableScroll } from "@/components/admin/table-scroll";
import { formatUtc } from "@/lib/admin/format";
import { requireOrgPage } from "@/lib/admin/page-access";
import { listEmailVerifiedAt } from "@/lib/admin/reader-verification";
import { countReaderDevices, getDeviceLimit } from "@/lib/sso/device-limit";
import { listRecentReaders, readerSearchSchema, recentReadersQuerySchema, searchReaders, type ReaderSummary } from "@/lib/admin/readers";

export const metadata: Metadata = { title: "Readers · multisite-sso admin" };

type Props = { params: Promise<{ orgSlug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function first(value: string | string[] | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

type Devices = { counts: Map<string, number>; limit: number | null };

function ReaderTable({ orgSlug, caption, readers, verifiedAt, devices }: { orgSlug: string; caption: string; readers: ReaderSummary[]; verifiedAt: Map<string, Date | null>; devices: Devices }) {
  return (
    <TableScroll label={caption}>
      <table className="admin-table admin-table-cards">
        <caption className="admin-visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Display name</th>
            <th scope="col">Registered</th>
            <th scope="col">Email confirmed</th>
            <th scope="col">Devices</th>
          </tr>
        </thead>
        <tbody>
          {readers.map((r) => (
            <tr key={r.id}>
              <th scope="row" className="admin-break-anywhere">
                <Link href={`/orgs/${orgSlug}/readers/${r.id}`}>{r.email}</Link>
              </th>
              <td data-label="Display name">{r.displayName ?? "—"}</td>
              <td data-label="Registered" className="admin-nowrap">{formatUtc(r.createdAt)}</td>
              <td data-label="Email confirmed">
                <VerifiedState at={verifiedAt.get(r.id) ?? null} />
              </td>
              <td data-label="Devices" data-devices={devices.counts.get(r.id) ?? 0}>
                {devices.counts.get(r.id) ?? 0}
                {devices.limit !== null ? ` / ${devices.limit}` : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function VerifiedState({ at }: { at: Date | null }) {
  return at ? <span className="admin-state admin-state-live">confirmed</span> : <span className="admin-state admin-state-idle">not confirmed</span>;
}

export default async function ReadersPage({ params, searchParams }: Props) {
  const { orgSlug } = await params;
  const raw = await searchParams;
  const access = await requireOrgPage({ orgSlug, path: `/orgs/${orgSlug}/readers`, searchParams: raw });
  const q = first(raw.q) ?? "";
  const search = q.trim() === "" ? null : readerSearchSchema.safeParse(q);
  const query = search?.success ? search.data : null;
  const found = query ? await searchReaders({ orgId: access.org.id, query }) : null;
  const paging = recentReadersQuerySchema.safeParse({ before: first(raw.before) ?? "", after: first(raw.after) ?? "" });
  const recent = search === null && paging.success ? await listRecentReaders({ orgId: access.org.id, query: paging.data }) : null;
  const verifiedAt = await listEmailVerifiedAt({ orgId: access.org.id, readerIds: [...(found ?? []), ...(recent?.readers ?? [])].map((r) => r.id) });
  const listed = [...(found ?? []), ...(recent?.readers ?? [])].map((r) => r.id);
  const [counts, deviceLimit] = await Promise.all([countReaderDevices({ orgId: access.org.id, readerIds: listed }), getDeviceLimit(access.org.id)]);
  const devices: Devices = { counts, limit: deviceLimit.limit };
  const base = `/orgs/${access.org.slug}/readers`;
  return (
    <AdminShell org={access.org} role={access.role} staff={access.staff} memberships={access.memberships} current="readers">
      <h1>Readers</h1>
      {first(raw.deleted) === "1" ? <p role="status">The reader&apos;s account was deleted.</p> : null}
      <form method="get" className="admin-search" role="search" aria-label="Find a reader">
        <label htmlFor="reader-q">Email address (or its beginning)</label>
        <span className="admin-inline">
          <input id="reader-q" name="q" type="search" defaultValue={query ?? ""} maxLength={254} autoComplete="off" />
          <button type="submit" className="admin-button">
            Find
          </button>
          {search !== null ? <Link href={base}>All readers</Link> : null}
        </span>
      </form>
      {search !== null && !search.success ? (
        <p role="alert" className="admin-error">
          Enter at most 254 characters of an email address.
        </p>
      ) : found ? (
        found.length === 0 ? (
          <p role="status">No reader of {access.org.name} has an email starting with “{query}”.</p>
        ) : (
          <ReaderTable orgSlug={access.org.slug} caption={`Readers matching “${query}”`} readers={found} verifiedAt={verifiedAt} devices={devices} />
        )
      ) : !paging.success ? (
        <p role="alert" className="admin-error">
          This page link is not valid any more. <Link href={base}>Start from the newest readers</Link>.
        </p>
      ) : recent && recent.readers.length === 0 ? (
        <p role="status">{access.org.name} has no readers yet.</p>
      ) : recent ? (
        <>
          <h2 id="recent-readers">Newest first</h2>
          <ReaderTable orgSlug={access.org.slug} caption="Readers, newest registration first" readers={recent.readers} verifiedAt={verifiedAt} devices={devices} />
          {recent.newerCursor || recent.olderCursor ? (
          <nav className="admin-pagination" aria-label="Reader pages">
            {recent.newerCursor ? <Link href={`${base}?after=${encodeURIComponent(recent.newerCursor)}`}>← Newer</Link> : <span className="admin-muted">← Newer</span>}
            {recent.newerCursor ? <Link href={base}>Newest</Link> : null}
            {recent.olderCursor ? <Link href={`${base}?before=${encodeURIComponent(recent.olderCursor)}`}>Older →</Link> : <span className="admin-muted">Older →</span>}
          </nav>
          ) : null}
        </>
      ) : null}
    </AdminShell>
  );
}
