"use client";
// The verification page's one action: use the link (POST), then go where the reader registered from.
import { useEffect, useState } from "react";
import { postJson } from "./post-json";

export function ConfirmEmailButton({ token }: { token: string }) {
  const [busy, setBusy] = useState(false);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setReady(true), []);
  return (
    <>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        className="button"
        disabled={busy || !ready}
        onClick={async () => {
          setBusy(true);
          setError(null);
          const result = await postJson("/api/account/verify-email", { token });
          if (!result.ok) {
            setBusy(false);
            setError(result.message ?? "That did not work. Try again in a moment.");
            return;
          }
          const body = result.body as { returnTo?: string } | null;
          window.location.assign(body?.returnTo ?? "/");
        }}
      >
        Confirm my email
      </button>
    </>
  );
}
