"use client";
// A page of an organisation failed on the server (HTTP 500): the organisation's navigation, so
// the rest of the console stays one click away. The links are built from the slug in the
// address only (no data), so this page reveals nothing even when the failure came before the
// page's guard had decided.
import { useParams } from "next/navigation";
import { AdminNav, AdminTopbarStart } from "@/components/admin/admin-shell";
import { ErrorMessage } from "@/components/admin/error-message";
import { useRetry } from "@/components/admin/use-retry";

export default function OrgPageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const retry = useRetry(reset);
  const { orgSlug } = useParams<{ orgSlug: string }>();
  const home = `/orgs/${encodeURIComponent(orgSlug)}/identity/settings`;
  return (
    <div className="admin-app">
      <header className="admin-topbar">
        <AdminTopbarStart homeHref={home} />
      </header>
      <div className="admin-body">
        <AdminNav orgSlug={encodeURIComponent(orgSlug)} current={null} />
        <main className="admin-main" id="main" tabIndex={-1}>
          <ErrorMessage digest={error.digest} onRetry={retry} homeHref={home} homeLabel="Go to the settings" />
        </main>
      </div>
    </div>
  );
}
