// GET /orgs/<slug>/readers?q=<email or prefix> — find a reader of this organisation.
import type { Metadata } from "next";
import Link from "next/link";
import { AdminShell } from "@/components/admin/admin-shell";
import { formatUtc } from "@/lib/admin/format";
import { requireOrgPage } from "@/lib/admin/page-access";
import { readerSearchSchema, searchReaders } from "@/lib/admin/readers";

export const metadata: Metadata = { title: "Readers · multisite-sso admin" };

type Props = { params: Promise<{ orgSlug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ReadersPage({ params, searchParams }: Props) {
  const { orgSlug } = await params;
  const access = await requireOrgPage({ orgSlug, path: `/orgs/${orgSlug}/readers` });
  const raw = (await searchParams).q;
  const parsed = readerSearchSchema.safeParse(typeof raw === "string" ? raw : "");
  const query = parsed.success ? parsed.data : null;
  const readers = query ? await searchReaders({ orgId: access.org.id, query }) : null;
  return (
    <AdminShell org={access.org} role={access.role} staff={access.staff} memberships={access.memberships} current="readers">
      <h1>Readers</h1>
      <form method="get" className="admin-search" role="search" aria-label="Find a reader">
        <label htmlFor="reader-q">Email address (or its beginning)</label>
        <span className="admin-inline">
          <input id="reader-q" name="q" type="search" defaultValue={query ?? ""} maxLength={254} autoComplete="off" />
          <button type="submit" className="admin-button">
            Find
          </button>
        </span>
      </form>
      {readers === null ? (
        <p className="admin-muted">Search by email to see a reader&apos;s SSO tokens and site sessions, and to revoke them.</p>
      ) : readers.length === 0 ? (
        <p role="status">No reader of {access.org.name} has an email starting with “{query}”.</p>
      ) : (
        <table className="admin-table">
          <caption className="admin-visually-hidden">Readers matching “{query}”</caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Display name</th>
              <th scope="col">Registered</th>
            </tr>
          </thead>
          <tbody>
            {readers.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <Link href={`/orgs/${access.org.slug}/readers/${r.id}`}>{r.email}</Link>
                </th>
                <td>{r.displayName ?? "—"}</td>
                <td>{formatUtc(r.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminShell>
  );
}
