"use client";
// The reader page's data-rights actions (README, "Data rights"), for requests the organisation
// answers on a reader's behalf: download their data, delete their account. Owner/admin only (the
// page shows them to those roles; the API checks again).
import { useRouter } from "next/navigation";
import { StatusAndError } from "./status-and-error";
import { useState } from "react";
import { saveResponseAsFile } from "@/components/download-response";

type Props = { orgSlug: string; readerId: string; email: string };

async function errorOf(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  return body?.error?.message ?? `Failed (HTTP ${response.status}).`;
}

export function ReaderDataRights({ orgSlug, readerId, email }: Props) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");
  const [error, setError] = useState("");
  const endpoint = `/api/orgs/${encodeURIComponent(orgSlug)}/readers/${encodeURIComponent(readerId)}`;

  async function run(work: () => Promise<void>) {
    setBusy(true);
    setStatus("");
    setError("");
    try {
      await work();
    } catch {
      setError("The console could not reach the server.");
    } finally {
      setBusy(false);
    }
  }

  const exportData = () =>
    run(async () => {
      const response = await fetch(`${endpoint}/export`, { method: "POST", headers: { accept: "application/json" } });
      if (!response.ok) return setError(await errorOf(response));
      setStatus(`Downloaded ${await saveResponseAsFile(response, "reader-data.json")}.`);
    });

  const deleteAccount = () => {
    if (!window.confirm(`Delete the account ${email}? Every session ends, the profile is erased and the audit rows about them are anonymised. This cannot be undone.`)) return;
    return run(async () => {
      const response = await fetch(endpoint, { method: "DELETE", headers: { accept: "application/json" } });
      if (!response.ok) return setError(await errorOf(response));
      router.push(`/orgs/${encodeURIComponent(orgSlug)}/readers?deleted=1`);
    });
  };

  return (
    <div>
      <p>
        <strong>Data rights</strong>: download everything kept about this reader, or delete the account (sessions and SSO tokens revoked, profile
        erased, audit rows anonymised, the address free to register again).
      </p>
      <span className="admin-inline">
        <button type="button" className="admin-button" onClick={exportData} disabled={busy}>
          Export data
        </button>
        <button type="button" className="admin-button admin-button-danger" onClick={deleteAccount} disabled={busy} aria-label={`Delete the account ${email}`}>
          Delete account
        </button>
      </span>
      <StatusAndError status={status} error={error} />
    </div>
  );
}
