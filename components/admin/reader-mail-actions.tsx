"use client";
// The reader detail page's mail actions: pick the site the link lands on, then "Resend
// verification" (while the address is unconfirmed) or "Send a password-reset link".
import { useId, useState } from "react";
import { postConsoleJson } from "./post-action-button";

type Props = { orgSlug: string; readerId: string; email: string; verified: boolean; sites: { slug: string; name: string }[] };

export function ReaderMailActions({ orgSlug, readerId, email, verified, sites }: Props) {
  const id = useId();
  const [siteSlug, setSiteSlug] = useState(sites[0]?.slug ?? "");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ failed: boolean; text: string } | null>(null);
  const base = `/api/orgs/${encodeURIComponent(orgSlug)}/readers/${readerId}`;

  async function send(path: "verification" | "password-reset", done: string) {
    setBusy(true);
    setMessage(null);
    const result = await postConsoleJson(`${base}/${path}`, { siteSlug });
    setBusy(false);
    setMessage(result.ok ? { failed: false, text: done } : { failed: true, text: result.message });
  }

  const siteName = sites.find((s) => s.slug === siteSlug)?.name ?? siteSlug;
  return (
    <div className="admin-mail-actions">
      <div className="admin-field">
        <label htmlFor={`${id}-site`}>Links land on</label>
        <select id={`${id}-site`} value={siteSlug} onChange={(e) => setSiteSlug(e.target.value)}>
          {sites.map((s) => (
            <option key={s.slug} value={s.slug}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <div className="admin-inline">
        {verified ? null : (
          <button type="button" className="admin-button admin-button-small" disabled={busy || !siteSlug} onClick={() => send("verification", `A new confirmation link was queued for ${email} (on ${siteName}).`)}>
            Resend verification
          </button>
        )}
        <button type="button" className="admin-button admin-button-small" disabled={busy || !siteSlug} onClick={() => send("password-reset", `A password-reset link was queued for ${email} (on ${siteName}).`)}>
          Send a password-reset link
        </button>
      </div>
      <p role="status" className="admin-status">
        {message && !message.failed ? message.text : ""}
      </p>
      <p role="alert" className="admin-error">
        {message?.failed ? message.text : ""}
      </p>
    </div>
  );
}
