"use client";
// Sign-in and registration forms. Both post through next-auth (CSRF token, Credentials
// provider); errors are announced (role="alert") and focus returns to the first field.
import { useRef, useState, type FormEvent } from "react";
import { submitCredentials } from "./post-json";

type Field = { name: string; label: string; type: string; autoComplete: string; required: boolean; hint?: string };

const signInFields: Field[] = [
  { name: "email", label: "Email", type: "email", autoComplete: "username", required: true },
  { name: "password", label: "Password", type: "password", autoComplete: "current-password", required: true },
];

const registerFields: Field[] = [
  { name: "name", label: "Name (optional)", type: "text", autoComplete: "name", required: false },
  { name: "email", label: "Email", type: "email", autoComplete: "email", required: true },
  { name: "password", label: "Password", type: "password", autoComplete: "new-password", required: true, hint: "At least 10 characters. Avoid common passwords." },
];

export function CredentialsForm({ kind, returnTo }: { kind: "signin" | "register"; returnTo: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const fields = kind === "signin" ? signInFields : registerFields;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const data = new FormData(event.currentTarget);
    const values = Object.fromEntries(fields.map((f) => [f.name, String(data.get(f.name) ?? "")]));
    const result = await submitCredentials(kind === "signin" ? "credentials" : "register", values);
    if (result.ok) {
      window.location.assign(returnTo);
      return;
    }
    setBusy(false);
    setError(result.message);
    form.current?.querySelector<HTMLInputElement>(kind === "signin" ? "input[name=password]" : "input")?.focus();
  }

  return (
    <form ref={form} onSubmit={onSubmit} noValidate={false} aria-describedby={error ? "form-error" : undefined}>
      {error ? (
        <p id="form-error" role="alert" className="form-error" data-testid="form-error">
          {error}
        </p>
      ) : null}
      {fields.map((field) => (
        <div className="field" key={field.name}>
          <label htmlFor={`${kind}-${field.name}`}>{field.label}</label>
          <input
            id={`${kind}-${field.name}`}
            name={field.name}
            type={field.type}
            autoComplete={field.autoComplete}
            required={field.required}
            aria-describedby={field.hint ? `${kind}-${field.name}-hint` : undefined}
          />
          {field.hint ? (
            <small id={`${kind}-${field.name}-hint`} className="notice">
              {field.hint}
            </small>
          ) : null}
        </div>
      ))}
      <button className="button" type="submit" disabled={busy}>
        {kind === "signin" ? "Sign in" : "Create account"}
      </button>
    </form>
  );
}
