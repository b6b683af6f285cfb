"use client";
// Sign-in and registration forms. Both post through next-auth (CSRF token, Credentials
// provider); errors are announced (role="alert"), name the field they are about, and the form
// keeps what the reader typed. Inputs carry the server's limits (lib/account/field-limits.ts).
import { useRef, useState, type FormEvent, type HTMLAttributes } from "react";
import { FIELD_LIMITS } from "@/lib/account/field-limits";
import { submitCredentials } from "./post-json";
import { useHydrated } from "./use-hydrated";

type Field = {
  name: "name" | "email" | "password";
  label: string;
  type: string;
  autoComplete: string;
  inputMode?: HTMLAttributes<HTMLInputElement>["inputMode"];
  required: boolean;
  maxLength: number;
  hint?: string;
};

const emailField = { name: "email", label: "Email", type: "email", inputMode: "email", required: true, maxLength: FIELD_LIMITS.email.max } as const;

const signInFields: Field[] = [
  { ...emailField, autoComplete: "username" },
  { name: "password", label: "Password", type: "password", autoComplete: "current-password", required: true, maxLength: FIELD_LIMITS.password.max },
];

const registerFields: Field[] = [
  { name: "name", label: "Name (optional)", type: "text", autoComplete: "name", required: false, maxLength: FIELD_LIMITS.displayName.max, hint: `Up to ${FIELD_LIMITS.displayName.max} characters. Shown on your account page.` },
  { ...emailField, autoComplete: "email" },
  {
    name: "password",
    label: "Password",
    type: "password",
    autoComplete: "new-password",
    required: true,
    // No minlength: the browser's bubble would pre-empt the written message, which says why.
    maxLength: FIELD_LIMITS.newPassword.max,
    hint: `At least ${FIELD_LIMITS.newPassword.min} characters. Avoid common passwords.`,
  },
];

/** Which field a server message is about (every message names its field: lib/auth). */
function fieldOfMessage(message: string): Field["name"] | null {
  // The device limit's refusal (lib/sso/device-limit.ts) is about the account, not a field.
  if (/^You are already signed in on/.test(message)) return null;
  if (/^Your name\b/.test(message)) return "name";
  if (/\bpassword\b/i.test(message) && !/^Email or password/.test(message)) return "password";
  if (/\bemail\b/i.test(message) && !/^Email or password/.test(message)) return "email";
  return null;
}

export function CredentialsForm({ kind, returnTo }: { kind: "signin" | "register"; returnTo: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ready = useHydrated();
  const form = useRef<HTMLFormElement>(null);
  const fields = kind === "signin" ? signInFields : registerFields;
  const errorField = error ? fieldOfMessage(error) : null;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const data = new FormData(event.currentTarget);
    const values = Object.fromEntries(fields.map((f) => [f.name, String(data.get(f.name) ?? "")]));
    // A registration's confirmation link brings the reader back where they were.
    const result = await submitCredentials(kind === "signin" ? "credentials" : "register", kind === "register" ? { ...values, return: returnTo } : values);
    if (result.ok) {
      window.location.assign(result.next ? `${result.next}?return=${encodeURIComponent(returnTo)}` : returnTo);
      return;
    }
    setBusy(false);
    setError(result.message);
    const target = fieldOfMessage(result.message) ?? (kind === "signin" ? "password" : fields[0]?.name);
    form.current?.querySelector<HTMLInputElement>(`input[name=${target}]`)?.focus();
  }

  return (
    <form ref={form} method="post" onSubmit={onSubmit} aria-describedby={error ? "form-error" : undefined}>
      {error ? (
        <p id="form-error" role="alert" className="form-error" data-testid="form-error">
          {error}
        </p>
      ) : null}
      {fields.map((field) => {
        const describedBy = [field.hint ? `${kind}-${field.name}-hint` : null, errorField === field.name ? "form-error" : null].filter(Boolean).join(" ");
        return (
          <div className="field" key={field.name}>
            <label htmlFor={`${kind}-${field.name}`}>{field.label}</label>
            <input
              id={`${kind}-${field.name}`}
              name={field.name}
              type={field.type}
              autoComplete={field.autoComplete}
              inputMode={field.inputMode}
              autoCapitalize={field.type === "text" ? "words" : "none"}
              spellCheck={field.type === "text" ? undefined : false}
              required={field.required}
              maxLength={field.maxLength}
              aria-invalid={errorField === field.name ? true : undefined}
              aria-describedby={describedBy || undefined}
            />
            {field.hint ? (
              <small id={`${kind}-${field.name}-hint`} className="notice">
                {field.hint}
              </small>
            ) : null}
          </div>
        );
      })}
      <button className="button" type="submit" disabled={busy || !ready}>
        {kind === "signin" ? "Sign in" : "Create account"}
      </button>
    </form>
  );
}
