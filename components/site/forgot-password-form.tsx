"use client";
// "Forgot password?": the address, then the one answer the server gives for every address.
import { useState, type FormEvent } from "react";
import { FIELD_LIMITS } from "@/lib/account/field-limits";
import { postJson } from "./post-json";
import { FormError, FormStatus, messageOf } from "./mail-form-parts";
import { useHydrated } from "./use-hydrated";

export function ForgotPasswordForm() {
  const ready = useHydrated();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const email = String(new FormData(event.currentTarget).get("email") ?? "");
    const result = await postJson("/api/account/password-reset", { email });
    setBusy(false);
    if (result.ok && messageOf(result.body)) setSent(messageOf(result.body));
    else setError(result.message ?? "Something went wrong on our side. Try again in a moment.");
  }

  if (sent) return <FormStatus message={sent} />;
  return (
    <form method="post" onSubmit={onSubmit} aria-describedby={error ? "forgot-error" : undefined}>
      <FormError id="forgot-error" message={error} />
      <div className="field">
        <label htmlFor="forgot-email">Email</label>
        <input id="forgot-email" name="email" type="email" autoComplete="email" inputMode="email" autoCapitalize="none" spellCheck={false} required maxLength={FIELD_LIMITS.email.max} />
      </div>
      <button className="button" type="submit" disabled={busy || !ready}>
        Send me a link
      </button>
    </form>
  );
}
