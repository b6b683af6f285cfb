"use client";
// Identity › Settings, section "Where readers sign in" (issue 17): sign-in on each site, or on
// the organisation's auth domain (hosted, branded per site). Its own small form and Save: it
// reads the current settings and PUTs them back with only this field changed, so it never
// overwrites what the main settings form saves.
import { useId, useState, type FormEvent } from "react";
import type { SsoSettings } from "@/lib/admin/sso-settings-rules";

type ErrorBody = { error?: { message?: string } };

export const signInPlaceExplanations = {
  site: "Each site shows its own sign-in, registration and password-reset pages. The auth domain is only ever reached through redirects — browsers that block bounce tracking (Safari, Chrome in Incognito or with third-party cookies blocked, Firefox's strict mode) may delete its data, and readers then sign in again on every site.",
  hosted: "Sign in, Register, Forgot password and Opt In's Continue lead to the auth domain's pages, branded for the site the reader came from, then back to that site signed in. Readers interact with the auth domain itself, so browsers keep its data and single sign-on keeps working. The cost: one more page load on another address, which readers see in the address bar.",
} as const;

export function HostedSignInForm({ orgSlug, initial, canEdit }: { orgSlug: string; initial: boolean; canEdit: boolean }) {
  const id = useId();
  const [saved, setSaved] = useState(initial);
  const [hosted, setHosted] = useState(initial);
  const [status, setStatus] = useState("");
  const [error, setError] = useState("");
  const [saving, setSaving] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setStatus("");
    setError("");
    setSaving(true);
    const url = `/api/orgs/${encodeURIComponent(orgSlug)}/sso`;
    try {
      // The PUT needs the mode: the current one, read now (another admin may have changed it).
      const current = (await (await fetch(url, { headers: { accept: "application/json" } })).json()) as SsoSettings & ErrorBody;
      if (current.error) throw new Error(current.error.message);
      const response = await fetch(url, {
        method: "PUT",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ mode: current.mode, hostedSignIn: hosted }),
      });
      const body = (await response.json().catch(() => null)) as (SsoSettings & ErrorBody) | null;
      if (!response.ok || !body || body.error) {
        setError(body?.error?.message ?? `Saving failed (HTTP ${response.status}).`);
        return;
      }
      setSaved(body.hostedSignIn);
      setStatus(body.hostedSignIn === saved ? "Nothing to save: this is the current setting." : "Saved. In force from every reader's next request.");
    } catch {
      setError("The console could not reach the server. Nothing was saved.");
    } finally {
      setSaving(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="admin-settings-form" aria-labelledby={`${id}-heading`} noValidate>
      <section className="admin-card" aria-labelledby={`${id}-heading`}>
        <fieldset disabled={!canEdit || saving} className="admin-radio-group">
          <legend id={`${id}-heading`}>
            <h2>Where readers sign in</h2>
          </legend>
          {(["site", "hosted"] as const).map((place) => (
            <label key={place} className="admin-choice" data-checked={hosted === (place === "hosted")}>
              <input type="radio" name="sign-in-place" value={place} checked={hosted === (place === "hosted")} onChange={() => setHosted(place === "hosted")} aria-describedby={`${id}-${place}-desc`} />
              <span className="admin-choice-text">
                <span className="admin-choice-title">
                  {place === "hosted" ? "On the auth domain (hosted sign-in)" : "On each site"}
                  {saved === (place === "hosted") ? <span className="admin-badge">current</span> : null}
                </span>
                <span className="admin-choice-desc" id={`${id}-${place}-desc`}>
                  {signInPlaceExplanations[place]}
                </span>
              </span>
            </label>
          ))}
          <p className="admin-hint">Under Disabled (or for a site out of SSO) sites always use their own pages: the auth domain is not used at all. Sign-in on the site stays reachable from the hosted page.</p>
          <button type="submit" className="admin-button">
            Set where readers sign in
          </button>
        </fieldset>
        <div aria-live="polite">
          {status ? <p className="admin-hint">{status}</p> : null}
          {error ? (
            <p role="alert" className="admin-error">
              {error}
            </p>
          ) : null}
          {!canEdit ? <p className="admin-hint">You have view-only access to this organisation.</p> : null}
        </div>
      </section>
    </form>
  );
}
