"use client";
// The account page's actions: sign out of one session, of this device, of other devices,
// everywhere; withdraw an Opt In consent. Each reloads the page to show the new state.
import { useState } from "react";
import { useHydrated } from "./use-hydrated";
import { postJson } from "./post-json";

export function ActionButton({
  label,
  path,
  body,
  confirmText,
  describedBy,
  after = "reload",
}: {
  label: string;
  path: string;
  body?: unknown;
  confirmText?: string;
  /** The id of the text that says what this button will do. */
  describedBy?: string;
  /** What follows success: reload the page, go home, or say "Sent" in place of the button. */
  after?: "reload" | "home" | "sent";
}) {
  const [busy, setBusy] = useState(false);
  const ready = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  if (sent) {
    return (
      <span role="status" className="notice">
        Sent. Check your email.
      </span>
    );
  }
  return (
    <>
      <button
        type="button"
        className="button button-secondary"
        aria-describedby={describedBy}
        disabled={busy || !ready}
        onClick={async () => {
          if (confirmText && !window.confirm(confirmText)) return;
          setBusy(true);
          const result = await postJson(path, body ?? {});
          if (!result.ok) {
            setBusy(false);
            setError(result.message ?? "That did not work. Reload the page and try again.");
            return;
          }
          if (after === "home") window.location.assign("/");
          else if (after === "sent") setSent(true);
          else window.location.reload();
        }}
      >
        {label}
      </button>
      {error ? (
        <span role="alert" className="form-error">
          {error}
        </span>
      ) : null}
    </>
  );
}
