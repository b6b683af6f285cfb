"use client";
// Accepting an invitation: a new account chooses a name and a password; an existing staff
// account types its own password (the invitation never changes it). Then: sign in.
import { useState, type FormEvent } from "react";
import { FIELD_LIMITS } from "@/lib/account/field-limits";
import { sendConsoleJson } from "./console-json";

export function InvitationForm({ token, email, hasAccount }: { token: string; email: string; hasAccount: boolean }) {
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const [joined, setJoined] = useState<string | null>(null);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    if (!hasAccount && password !== String(form.get("confirm") ?? "")) {
      setError("The two passwords are not the same.");
      return;
    }
    setBusy(true);
    setError("");
    const body = hasAccount ? { token, password } : { token, password, name: String(form.get("name") ?? "") };
    const result = await sendConsoleJson<{ orgName: string }>("POST", "/api/staff/invitations/accept", body);
    setBusy(false);
    if (!result.ok) {
      setError(result.message.replace(/^(name|password): /, ""));
      return;
    }
    setJoined(result.body.orgName);
  }
  if (joined) {
    return (
      <div role="status">
        <p>You joined {joined}. Sign in with {email} and your password.</p>
        <a className="admin-button" href="/">
          Sign in
        </a>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} aria-label="Accept the invitation" className="admin-signin-form">
      <div className="field">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" value={email} readOnly autoComplete="username" />
      </div>
      {hasAccount ? (
        <div className="field">
          <label htmlFor="password">Your current console password</label>
          <input id="password" name="password" type="password" autoComplete="current-password" maxLength={FIELD_LIMITS.password.max} required />
        </div>
      ) : (
        <>
          <div className="field">
            <label htmlFor="name">Your name</label>
            <input id="name" name="name" autoComplete="name" maxLength={FIELD_LIMITS.displayName.max} required />
          </div>
          <div className="field">
            <label htmlFor="password">Choose a password</label>
            <input id="password" name="password" type="password" autoComplete="new-password" minLength={FIELD_LIMITS.newPassword.min} maxLength={FIELD_LIMITS.newPassword.max} required />
          </div>
          <div className="field">
            <label htmlFor="confirm">Type it again</label>
            <input id="confirm" name="confirm" type="password" autoComplete="new-password" minLength={FIELD_LIMITS.newPassword.min} maxLength={FIELD_LIMITS.newPassword.max} required />
          </div>
        </>
      )}
      <button className="admin-button" type="submit" disabled={busy}>
        {busy ? "Joining…" : "Join"}
      </button>
      <p role="alert" className="admin-error">
        {error}
      </p>
    </form>
  );
}
