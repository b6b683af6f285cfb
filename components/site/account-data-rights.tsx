"use client";
// The account page's "Your data" section (README, "Data rights"): download everything kept about
// the reader (POST /api/account/export, a JSON attachment), and delete the account — with the
// current password at once, or by a confirmation link mailed to the account's address.
import { useState, type FormEvent } from "react";
import { FIELD_LIMITS } from "@/lib/account/field-limits";
import { Outcome, PasswordInput } from "./account-security-forms";
import { postJson } from "./post-json";
import { returnPathOf } from "./mail-form-parts";
import { useHydrated } from "./use-hydrated";
import { saveResponseAsFile } from "@/components/download-response";

export function ExportDataButton() {
  const ready = useHydrated();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function onClick() {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const response = await fetch("/api/account/export", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        setError(body?.error?.message ?? "That did not work. Try again.");
        return;
      }
      const name = await saveResponseAsFile(response, "my-data.json");
      setDone(`Your data was downloaded as ${name}.`);
    } catch {
      setError("The network is unavailable. Try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="account-form">
      <Outcome id="export-outcome" error={error} done={done} />
      <button type="button" className="button" onClick={onClick} disabled={busy || !ready}>
        Download my data
      </button>
    </div>
  );
}

export function DeleteAccountForm({ email }: { email: string }) {
  const ready = useHydrated();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function send(body: Record<string, string>) {
    setBusy(true);
    setError(null);
    setDone(null);
    const result = await postJson("/api/account/delete", body);
    setBusy(false);
    if (!result.ok) {
      setError(result.message ?? "That did not work. Try again.");
      return;
    }
    if ((result.body as { deleted?: boolean } | null)?.deleted) {
      window.location.assign(returnPathOf(result.body));
      return;
    }
    setDone(`We sent a link to ${email}. Open it to delete your account; until then nothing changes.`);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void send({ currentPassword: String(new FormData(event.currentTarget).get("currentPassword") ?? "") });
  }

  return (
    <form className="account-form" onSubmit={onSubmit} aria-label="Delete my account">
      <Outcome id="delete-outcome" error={error} done={done} />
      <PasswordInput id="delete-password" name="currentPassword" label="Current password" autoComplete="current-password" maxLength={FIELD_LIMITS.password.max} invalid={error !== null && /password/i.test(error)} />
      <button type="submit" className="button button-danger" disabled={busy || !ready}>
        Delete my account
      </button>{" "}
      <button type="button" className="button button-secondary" disabled={busy || !ready} onClick={() => void send({ confirmBy: "email" })}>
        Email me a confirmation link instead
      </button>
    </form>
  );
}
