"use client";
// A staff member's forgotten password: ask for a link (the same answer whatever the address),
// then choose a new password on the page the link opens (it signs them out everywhere, and
// does not sign them in).
import { useState, type FormEvent } from "react";
import { FIELD_LIMITS } from "@/lib/account/field-limits";
import { sendConsoleJson } from "./console-json";

export function StaffForgotForm() {
  const [message, setMessage] = useState<{ failed: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    const result = await sendConsoleJson<{ message: string }>("POST", "/api/staff/password-reset", { email: String(new FormData(event.currentTarget).get("email") ?? "") });
    setBusy(false);
    setMessage(result.ok ? { failed: false, text: result.body.message } : { failed: true, text: result.message });
  }
  return (
    <form onSubmit={onSubmit} aria-label="Reset your password" className="admin-signin-form">
      <div className="field">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" inputMode="email" autoComplete="username" maxLength={FIELD_LIMITS.email.max} required />
      </div>
      <button className="admin-button" type="submit" disabled={busy}>
        {busy ? "Sending…" : "Send me a link"}
      </button>
      <p role="status">{message && !message.failed ? message.text : ""}</p>
      <p role="alert" className="admin-error">
        {message?.failed ? message.text : ""}
      </p>
    </form>
  );
}

export function StaffNewPasswordForm({ token }: { token: string }) {
  const [error, setError] = useState("");
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    if (password !== String(form.get("confirm") ?? "")) {
      setError("The two passwords are not the same.");
      return;
    }
    setBusy(true);
    setError("");
    const result = await sendConsoleJson("POST", "/api/staff/password-reset/complete", { token, password });
    setBusy(false);
    if (!result.ok) {
      setError(result.message.replace(/^password: /, ""));
      return;
    }
    setDone(true);
  }
  if (done) {
    return (
      <div role="status">
        <p>Your password is changed, and you are signed out everywhere. Sign in with the new one.</p>
        <a className="admin-button" href="/">
          Sign in
        </a>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} aria-label="Choose a new password" className="admin-signin-form">
      <div className="field">
        <label htmlFor="password">New password</label>
        <input id="password" name="password" type="password" autoComplete="new-password" minLength={FIELD_LIMITS.newPassword.min} maxLength={FIELD_LIMITS.newPassword.max} required />
      </div>
      <div className="field">
        <label htmlFor="confirm">Type it again</label>
        <input id="confirm" name="confirm" type="password" autoComplete="new-password" minLength={FIELD_LIMITS.newPassword.min} maxLength={FIELD_LIMITS.newPassword.max} required />
      </div>
      <button className="admin-button" type="submit" disabled={busy}>
        {busy ? "Saving…" : "Save the new password"}
      </button>
      <p role="alert" className="admin-error">
        {error}
      </p>
    </form>
  );
}
