"use client";
// The account page's security forms: change password, change email (and the button of the page
// a change-of-email link opens). "Send the confirmation mail again" is the verification banner's,
// shown on every page of the site, this one included (components/site/verify-email-banner.tsx). Each posts JSON to the site's own API (same origin), announces its outcome
// (role="alert" / role="status") and keeps what the reader typed on an error.
import { useState, type FormEvent, type ReactNode } from "react";
import { useHydrated } from "./use-hydrated";
import { FIELD_LIMITS } from "@/lib/account/field-limits";
import { postJson } from "./post-json";

export function Outcome({ id, error, done }: { id: string; error: string | null; done: string | null }) {
  if (error) {
    return (
      <p id={id} role="alert" className="form-error">
        {error}
      </p>
    );
  }
  return (
    <p id={id} role="status" className="form-done">
      {done}
    </p>
  );
}

export function PasswordInput({ id, name, label, autoComplete, maxLength, hint, invalid }: { id: string; name: string; label: string; autoComplete: string; maxLength: number; hint?: ReactNode; invalid?: boolean }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} type="password" autoComplete={autoComplete} required maxLength={maxLength} aria-invalid={invalid || undefined} aria-describedby={hint ? `${id}-hint` : undefined} />
      {hint ? (
        <small id={`${id}-hint`} className="notice">
          {hint}
        </small>
      ) : null}
    </div>
  );
}

export function ChangePasswordForm() {
  const ready = useHydrated();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setBusy(true);
    setError(null);
    setDone(null);
    const signOutOtherDevices = data.get("signOutOtherDevices") === "on";
    const result = await postJson("/api/account/password", {
      currentPassword: String(data.get("currentPassword") ?? ""),
      newPassword: String(data.get("newPassword") ?? ""),
      signOutOtherDevices,
    });
    setBusy(false);
    if (!result.ok) {
      setError((result.message ?? "That did not work. Try again.").replace(/^newPassword: /, ""));
      return;
    }
    form.reset();
    setDone(signOutOtherDevices ? "Your password was changed, and your other devices were signed out." : "Your password was changed.");
  }

  return (
    <form method="post" onSubmit={onSubmit} className="account-form" aria-describedby="password-outcome" data-testid="change-password">
      <Outcome id="password-outcome" error={error} done={done} />
      <PasswordInput id="current-password" name="currentPassword" label="Current password" autoComplete="current-password" maxLength={FIELD_LIMITS.password.max} invalid={error !== null && /current password/i.test(error)} />
      <PasswordInput
        id="new-password"
        name="newPassword"
        label="New password"
        autoComplete="new-password"
        maxLength={FIELD_LIMITS.newPassword.max}
        hint={`At least ${FIELD_LIMITS.newPassword.min} characters. Avoid common passwords.`}
        invalid={error !== null && /^Your password|too common/.test(error)}
      />
      <div className="field field-check">
        {/* Checked by default: someone who changes a password usually fears another holds it. */}
        <input id="sign-out-other-devices" name="signOutOtherDevices" type="checkbox" defaultChecked aria-describedby="sign-out-other-devices-hint" />
        <label htmlFor="sign-out-other-devices">Sign out my other devices</label>
        <small id="sign-out-other-devices-hint" className="notice">
          Every other browser and device signs in again with the new password. This one stays signed in.
        </small>
      </div>
      <button className="button" type="submit" disabled={busy || !ready}>
        Change password
      </button>
    </form>
  );
}

export function ChangeEmailForm({ currentEmail }: { currentEmail: string }) {
  const ready = useHydrated();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const newEmail = String(data.get("newEmail") ?? "").trim();
    setBusy(true);
    setError(null);
    setDone(null);
    const result = await postJson("/api/account/email", { newEmail, currentPassword: String(data.get("currentPassword") ?? "") });
    setBusy(false);
    if (!result.ok) {
      setError((result.message ?? "That did not work. Try again.").replace(/^newEmail: /, ""));
      return;
    }
    form.reset();
    setDone(`We sent a link to ${newEmail}. Open it to use that address; until then your account keeps ${currentEmail}.`);
  }

  return (
    <form method="post" onSubmit={onSubmit} className="account-form" aria-describedby="email-outcome" data-testid="change-email">
      <Outcome id="email-outcome" error={error} done={done} />
      <div className="field">
        <label htmlFor="new-email">New email</label>
        <input id="new-email" name="newEmail" type="email" inputMode="email" autoComplete="email" autoCapitalize="none" spellCheck={false} required maxLength={FIELD_LIMITS.email.max} />
      </div>
      <PasswordInput id="email-current-password" name="currentPassword" label="Current password" autoComplete="current-password" maxLength={FIELD_LIMITS.password.max} />
      <button className="button" type="submit" disabled={busy || !ready}>
        Send a confirmation link
      </button>
    </form>
  );
}

/** The button on the page a change-of-email link opens: only its POST uses the link. */
export function ConfirmEmailChangeButton({ token, newEmail }: { token: string; newEmail: string }) {
  const ready = useHydrated();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return (
    <div className="account-form">
      <Outcome id="confirm-outcome" error={error} done={done} />
      {done ? null : (
        <button
          type="button"
          className="button"
          disabled={busy || !ready}
          onClick={async () => {
            setBusy(true);
            setError(null);
            const result = await postJson("/api/account/email/confirm", { token });
            setBusy(false);
            if (result.ok) setDone(`Your account now uses ${newEmail}.`);
            else setError(result.message ?? "That did not work. Try again.");
          }}
        >
          Use {newEmail}
        </button>
      )}
    </div>
  );
}
