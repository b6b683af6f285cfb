"use client";
// The second step of a staff sign-in: the six-digit code from the authenticator app (or a
// recovery code). A wrong code says so; too many say how long to wait (429, the server's sentence).
import { useState, type FormEvent } from "react";
import { sendConsoleJson } from "./console-json";

export function SecondFactorForm({ next }: { next: string }) {
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").trim();
    setBusy(true);
    setError("");
    const result = await sendConsoleJson("POST", "/api/staff/two-factor/verify", { code });
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    window.location.assign(next);
  }
  return (
    <form onSubmit={onSubmit} aria-label="Authenticator code" className="admin-signin-form">
      <div className="field">
        <label htmlFor="code">Code from your authenticator app</label>
        <input id="code" name="code" autoComplete="one-time-code" autoCapitalize="none" spellCheck={false} maxLength={64} required aria-describedby="code-hint" />
        <p id="code-hint" className="admin-muted">
          Six digits. Lost your phone? Type one of your recovery codes instead.
        </p>
      </div>
      <button className="admin-button" type="submit" disabled={busy}>
        {busy ? "Checking…" : "Continue"}
      </button>
      <p role="alert" className="admin-error">
        {error}
      </p>
    </form>
  );
}
