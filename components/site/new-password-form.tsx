"use client";
// The page a reset link opens: the new password. Posting it uses the link (the page's GET never
// does); on success this browser is signed in and goes home.
import { useState, type FormEvent } from "react";
import { FIELD_LIMITS } from "@/lib/account/field-limits";
import { postJson } from "./post-json";
import { FormError, returnPathOf } from "./mail-form-parts";
import { useHydrated } from "./use-hydrated";

export function NewPasswordForm({ token, email }: { token: string; email: string }) {
  const ready = useHydrated();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    const result = await postJson("/api/account/password-reset/complete", { token, password });
    if (result.ok) {
      window.location.assign(returnPathOf(result.body));
      return;
    }
    setBusy(false);
    setError(result.message ?? "Something went wrong on our side. Try again in a moment.");
  }

  return (
    <form method="post" onSubmit={onSubmit} aria-describedby={error ? "reset-error" : undefined}>
      <FormError id="reset-error" message={error} />
      {/* For password managers: which account the new password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <div className="field">
        <label htmlFor="reset-password">New password</label>
        <input
          id="reset-password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          maxLength={FIELD_LIMITS.newPassword.max}
          aria-invalid={error ? true : undefined}
          aria-describedby={["reset-password-hint", error ? "reset-error" : null].filter(Boolean).join(" ")}
        />
        <small id="reset-password-hint" className="notice">
          At least {FIELD_LIMITS.newPassword.min} characters. Avoid common passwords. You will be signed out on your other devices.
        </small>
      </div>
      <button className="button" type="submit" disabled={busy || !ready}>
        Set password and sign in
      </button>
    </form>
  );
}
