"use client";
// Confirms the authenticator app being set up with a code from it, then shows the ten recovery
// codes — once: they are stored only as hashes.
import { useState, type FormEvent } from "react";
import { sendConsoleJson } from "./console-json";

export function EnrolmentForm({ next }: { next: string }) {
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").trim();
    setBusy(true);
    setError("");
    const result = await sendConsoleJson<{ recoveryCodes: string[] }>("POST", "/api/staff/two-factor/enrolment", { code });
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setCodes(result.body.recoveryCodes);
  }
  if (codes) {
    return (
      <section aria-labelledby="recovery-heading" className="admin-recovery">
        <h2 id="recovery-heading">Your recovery codes</h2>
        <p role="status">Your authenticator app is set up. Keep these codes somewhere safe: each one signs you in once if you lose your phone. They are shown only now.</p>
        <ul className="admin-recovery-codes" aria-label="Recovery codes">
          {codes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <a className="admin-button" href={next}>
          I saved them — continue
        </a>
      </section>
    );
  }
  return (
    <form onSubmit={onSubmit} aria-label="Confirm the authenticator app" className="admin-signin-form">
      <div className="field">
        <label htmlFor="code">Code shown by the app</label>
        <input id="code" name="code" inputMode="numeric" pattern="[0-9]{6}" autoComplete="one-time-code" maxLength={6} required />
      </div>
      <button className="admin-button" type="submit" disabled={busy}>
        {busy ? "Checking…" : "Turn on"}
      </button>
      <p role="alert" className="admin-error">
        {error}
      </p>
    </form>
  );
}
