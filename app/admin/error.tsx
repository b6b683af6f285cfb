"use client";
// A console page outside an organisation failed on the server (HTTP 500): the plain console
// frame, what happened, and a way on.
import { AdminPlainPage } from "@/components/admin/admin-plain-page";
import { ErrorMessage } from "@/components/admin/error-message";
import { useRetry } from "@/components/admin/use-retry";

export default function AdminError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const retry = useRetry(reset);
  return (
    <AdminPlainPage>
      <div className="panel">
        <ErrorMessage digest={error.digest} onRetry={retry} homeHref="/" homeLabel="Go to the console's start page" />
      </div>
    </AdminPlainPage>
  );
}
