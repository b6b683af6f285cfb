"use client";
// One console action that POSTs JSON and says what happened (Retry a dead letter, send a reader
// a link). The page reloads its data afterwards.
import { useRouter } from "next/navigation";
import { useState } from "react";

export async function postConsoleJson(endpoint: string, body?: unknown, method: "POST" | "DELETE" = "POST"): Promise<{ ok: true } | { ok: false; message: string }> {
  try {
    const response = await fetch(endpoint, {
      method,
      headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.ok) return { ok: true };
    const data = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    return { ok: false, message: data?.error?.message ?? `Failed (HTTP ${response.status}).` };
  } catch {
    return { ok: false, message: "The console could not reach the server." };
  }
}

export function PostActionButton({
  endpoint,
  label,
  accessibleLabel,
  doneText,
  method = "POST",
  body,
}: {
  endpoint: string;
  label: string;
  accessibleLabel: string;
  doneText: string;
  method?: "POST" | "DELETE";
  body?: unknown;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ failed: boolean; text: string } | null>(null);
  return (
    <span className="admin-revoke">
      <button
        type="button"
        className="admin-button admin-button-small"
        aria-label={accessibleLabel}
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          const result = await postConsoleJson(endpoint, body, method);
          setBusy(false);
          setMessage(result.ok ? { failed: false, text: doneText } : { failed: true, text: result.message });
          if (result.ok) router.refresh();
        }}
      >
        {label}
      </button>
      <span role="status" className="admin-status">
        {message && !message.failed ? message.text : ""}
      </span>
      <span role="alert" className="admin-error">
        {message?.failed ? message.text : ""}
      </span>
    </span>
  );
}
