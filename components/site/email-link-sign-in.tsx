"use client";
// "Email me a sign-in link" under the password form: the address, then "Check your email — or
// type the code" with the code form (this browser holds the link's id in a cookie; only it can
// use the code). The server's answer is the same whether or not the address has an account.
import { useState, type FormEvent } from "react";
import { FIELD_LIMITS } from "@/lib/account/field-limits";
import { postJson } from "./post-json";
import { FormError, FormStatus, messageOf, returnPathOf } from "./mail-form-parts";
import { useHydrated } from "./use-hydrated";

export function EmailLinkSignIn({ returnTo }: { returnTo: string }) {
  const ready = useHydrated();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);

  async function onAsk(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const email = String(new FormData(event.currentTarget).get("email") ?? "");
    const result = await postJson("/api/account/sign-in-link", { email, returnTo });
    setBusy(false);
    if (result.ok && messageOf(result.body)) setSent(messageOf(result.body));
    else setError(result.message ?? "Something went wrong on our side. Try again in a moment.");
  }

  async function onCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const code = String(new FormData(event.currentTarget).get("code") ?? "");
    const result = await postJson("/api/account/sign-in-link/complete", { code });
    if (result.ok) {
      window.location.assign(returnPathOf(result.body));
      return;
    }
    setBusy(false);
    setError(result.message ?? "Something went wrong on our side. Try again in a moment.");
  }

  if (!open) {
    return (
      <p className="divider">
        Or{" "}
        <button type="button" className="button button-secondary" onClick={() => setOpen(true)} disabled={!ready}>
          Email me a sign-in link
        </button>
      </p>
    );
  }
  return (
    <section className="email-link" aria-labelledby="email-link-heading">
      <h2 id="email-link-heading">{sent ? "Check your email — or type the code" : "Sign in with a link by email"}</h2>
      {sent ? (
        <>
          <FormStatus message={sent} />
          <form method="post" onSubmit={onCode} aria-describedby={error ? "code-error" : undefined}>
            <FormError id="code-error" message={error} />
            <div className="field">
              <label htmlFor="email-link-code">Six-digit code</label>
              <input
                id="email-link-code"
                name="code"
                type="text"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9]{6}"
                maxLength={6}
                required
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? "code-error" : undefined}
              />
            </div>
            <button className="button" type="submit" disabled={busy || !ready}>
              Sign in with the code
            </button>
          </form>
        </>
      ) : (
        <form method="post" onSubmit={onAsk} aria-describedby={error ? "link-ask-error" : undefined}>
          <FormError id="link-ask-error" message={error} />
          <div className="field">
            <label htmlFor="email-link-email">Email</label>
            <input id="email-link-email" name="email" type="email" autoComplete="email" inputMode="email" autoCapitalize="none" spellCheck={false} required maxLength={FIELD_LIMITS.email.max} />
          </div>
          <button className="button" type="submit" disabled={busy || !ready}>
            Email me a sign-in link
          </button>
        </form>
      )}
    </section>
  );
}
