"use client";
// One site's own mail From on the Sites page (the organisation's is in Identity › Settings),
// saved with PATCH /api/orgs/<slug>/sites/<site>. Empty: the organisation's From.
import { useId, useState, type FormEvent } from "react";
import { MAILBOX_MAX_LENGTH } from "@/lib/mail/mailbox";
import { useSitePatch } from "./use-site-patch";
import { StatusAndError } from "./status-and-error";

type Props = { orgSlug: string; site: { slug: string; name: string; mailFrom: string }; canEdit: boolean };

export function SiteMailFromForm({ orgSlug, site, canEdit }: Props) {
  const id = useId();
  const [value, setValue] = useState(site.mailFrom);
  const { status, error, busy, save } = useSitePatch(orgSlug, site.slug);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void save({ mailFrom: value }, (answer) => (answer.mailFrom ? `Saved: ${site.name}'s mail comes from ${answer.mailFrom}.` : `Saved: ${site.name} uses the organisation's From.`));
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
      <StatusAndError status={status} error={error} />
    </form>
  );
}
