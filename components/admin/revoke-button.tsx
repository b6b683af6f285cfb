"use client";
// A revoke action on the Readers page: one request to the console's API (DELETE a session or
// an SSO token, POST a reader's logout), then the page reloads its data.
import { useRouter } from "next/navigation";
import { useState } from "react";

type Props = {
  endpoint: string;
  method: "DELETE" | "POST";
  label: string;
  accessibleLabel: string;
  danger?: boolean;
  /** Asked before a sweeping action; the action runs only when confirmed. */
  confirmText?: string;
};

export function RevokeButton({ endpoint, method, label, accessibleLabel, danger, confirmText }: Props) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState("");
  const [failed, setFailed] = useState(false);

  async function revoke() {
    if (confirmText && !window.confirm(confirmText)) return;
    setBusy(true);
    setMessage("");
    setFailed(false);
    try {
      const response = await fetch(endpoint, { method, headers: { accept: "application/json" } });
      const body = (await response.json().catch(() => null)) as { revokedSessions?: number; revokedTokens?: number; error?: { message?: string } } | null;
      if (!response.ok) {
        setFailed(true);
        setMessage(body?.error?.message ?? `Failed (HTTP ${response.status}).`);
        return;
      }
      setMessage(`Revoked ${body?.revokedSessions ?? 0} session(s) and ${body?.revokedTokens ?? 0} SSO token(s).`);
      router.refresh();
    } catch {
      setFailed(true);
      setMessage("The console could not reach the server.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="admin-revoke">
      <button type="button" className={danger ? "admin-button admin-button-danger" : "admin-button admin-button-small admin-button-quiet"} onClick={revoke} disabled={busy} aria-label={accessibleLabel}>
        {busy ? "Revoking…" : label}
      </button>
      <span role="status" className="admin-status">
        {failed ? "" : message}
      </span>
      <span role="alert" className="admin-error">
        {failed ? message : ""}
      </span>
    </span>
  );
}
