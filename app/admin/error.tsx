"use client";
// A console page outside an organisation failed on the server (HTTP 500): the plain console
// frame, what happened, and a way on.
import { AdminPlainPage } from "@/components/admin/admin-plain-page";
import { ErrorMessage } from "@/components/admin/error-message";

export default function AdminError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <AdminPlainPage>
      <div className="panel">
        <ErrorMessage digest={error.digest} onRetry={reset} homeHref="/" homeLabel="Go to the console's start page" />
      </div>
    </AdminPlainPage>
  );
}
