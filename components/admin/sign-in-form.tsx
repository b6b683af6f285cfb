"use client";
// Staff sign-in through next-auth's Credentials provider `credentials`: fetch its CSRF token,
// post the form, and say plainly what went wrong (wrong password, or throttled: 429, with the
// wait in words from the one formatter). The form keeps what was typed; inputs carry the
// server's limits.
import { useState, type FormEvent } from "react";
import { FIELD_LIMITS } from "@/lib/account/field-limits";
import { tooManySignInsMessage } from "@/lib/format/duration-words";

type Props = { next: string };

export function SignInForm({ next }: Props) {
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    setError("");
    setBusy(true);
    try {
      const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
      const response = await fetch("/api/auth/callback/credentials", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
      });
      const body = (await response.json().catch(() => null)) as { url?: string; error?: { message?: string } } | null;
      if (response.status === 429) {
        const retryAfter = Number(response.headers.get("retry-after"));
        // The server's sentence says why (this address, this account) and what to do; the wait alone is the fallback.
        setError(body?.error?.message ?? (Number.isFinite(retryAfter) && retryAfter > 0 ? tooManySignInsMessage(retryAfter) : "Too many failed sign-ins. Try again later."));
        return;
      }
      const url = typeof body?.url === "string" ? new URL(body.url, window.location.href) : null;
      if (!response.ok || !url || url.searchParams.has("error") || url.searchParams.has("csrf")) {
        setError("Wrong email or password.");
        return;
      }
      window.location.assign(next);
    } catch {
      setError("The console could not reach the server. Check your connection and try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} aria-label="Staff sign-in" className="admin-signin-form">
      <div className="field">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" inputMode="email" autoComplete="username" autoCapitalize="none" spellCheck={false} maxLength={FIELD_LIMITS.email.max} required />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" maxLength={FIELD_LIMITS.password.max} required />
      </div>
      <button className="admin-button" type="submit" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
      <p role="alert" className="admin-error">
        {error}
      </p>
      <p>
        <a href="/forgot-password">Forgot your password?</a>
      </p>
    </form>
  );
}
