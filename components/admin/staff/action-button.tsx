"use client";
// A one-click console action (remove a member, withdraw an invitation, end a session): asks
// first when it is sweeping, then one request, then the page reloads its data.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionStatus, type ActionMessage } from "./action-status";
import { sendConsoleJson } from "./console-json";

type Props = { endpoint: string; method: "DELETE" | "POST"; label: string; accessibleLabel: string; doneText: string; confirmText?: string; disabled?: boolean; reloadTo?: string };

export function ActionButton({ endpoint, method, label, accessibleLabel, doneText, confirmText, disabled, reloadTo }: Props) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<ActionMessage>(null);
  return (
    <span className="admin-revoke">
      <button
        type="button"
        className="admin-button admin-button-small admin-button-quiet"
        aria-label={accessibleLabel}
        disabled={busy || disabled}
        onClick={async () => {
          if (confirmText && !window.confirm(confirmText)) return;
          setBusy(true);
          const result = await sendConsoleJson(method, endpoint);
          setBusy(false);
          setMessage(result.ok ? { failed: false, text: doneText } : { failed: true, text: result.message });
          if (result.ok) {
            if (reloadTo) window.location.assign(reloadTo);
            else router.refresh();
          }
        }}
      >
        {label}
      </button>
      <ActionStatus message={message} />
    </span>
  );
}
