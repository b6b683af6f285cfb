"use client";
// One site's own mail From on the Sites page (the organisation's is in Identity › Settings),
// saved with PATCH /api/orgs/<slug>/sites/<site>. Empty: the organisation's From.
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { MAILBOX_MAX_LENGTH } from "@/lib/mail/mailbox";

type Props = { orgSlug: string; site: { slug: string; name: string; mailFrom: string }; canEdit: boolean };

export function SiteMailFromForm({ orgSlug, site, canEdit }: Props) {
  const id = useId();
  const router = useRouter();
  const [value, setValue] = useState(site.mailFrom);
  const [status, setStatus] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setStatus("");
    setError("");
    setBusy(true);
    try {
      const response = await fetch(`/api/orgs/${encodeURIComponent(orgSlug)}/sites/${encodeURIComponent(site.slug)}`, {
        method: "PATCH",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ mailFrom: value }),
      });
      const body = (await response.json().catch(() => null)) as { mailFrom?: string; error?: { message?: string } } | null;
      if (!response.ok) {
        setError(body?.error?.message ?? `Saving failed (HTTP ${response.status}).`);
        return;
      }
      setStatus(body?.mailFrom ? `Saved: ${site.name}'s mail comes from ${body.mailFrom}.` : `Saved: ${site.name} uses the organisation's From.`);
      router.refresh();
    } catch {
      setError("The console could not reach the server. Nothing was saved.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="admin-site-form" aria-label={`Mail From for ${site.name}`}>
      <fieldset disabled={!canEdit || busy} className="admin-fieldset-reset admin-inline">
        <label htmlFor={`${id}-from`} className="admin-visually-hidden">
          Mail From for {site.name}
        </label>
        <input
          id={`${id}-from`}
          type="text"
          inputMode="email"
          autoComplete="off"
          spellCheck={false}
          maxLength={MAILBOX_MAX_LENGTH}
          placeholder="The organisation's"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-describedby={`${id}-hint`}
        />
        <button type="submit" className="admin-button admin-button-small">
          Save
        </button>
      </fieldset>
      <small id={`${id}-hint`} className="admin-muted">
        Name &lt;addr@example.com&gt;; empty for the organisation&apos;s.
      </small>
      <span role="status" className="admin-status">
        {status}
      </span>
      <span role="alert" className="admin-error">
        {error}
      </span>
    </form>
  );
}
