"use client";
// The console's forms that create a credential and show it ONCE: an API token, a webhook's
// signing secret, an external site's client secret (at registration and at rotation). The
// secret lives only in this component's state: it is not in the page's HTML, the URL or any
// log, and it is gone on the next navigation — the box says so.
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent, type ReactNode } from "react";

type Shown = { label: string; value: string; note?: string };

async function sendJson(endpoint: string, body: unknown): Promise<{ ok: true; data: unknown } | { ok: false; message: string }> {
  try {
    const response = await fetch(endpoint, { method: "POST", headers: { accept: "application/json", "content-type": "application/json" }, body: JSON.stringify(body) });
    const data: unknown = await response.json().catch(() => null);
    if (response.ok) return { ok: true, data };
    return { ok: false, message: (data as { error?: { message?: string } } | null)?.error?.message ?? `Failed (HTTP ${response.status}).` };
  } catch {
    return { ok: false, message: "The console could not reach the server." };
  }
}

/** One submit that answers with a secret to show once; the page's data is refreshed after. */
function useCreateOnce() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const [shown, setShown] = useState<Shown[] | null>(null);
  async function submit(endpoint: string, body: unknown, secretsOf: (data: unknown) => Shown[]) {
    setBusy(true);
    setError("");
    setShown(null);
    const result = await sendJson(endpoint, body);
    setBusy(false);
    if (!result.ok) return setError(result.message);
    setShown(secretsOf(result.data));
    router.refresh();
  }
  return { busy, error, shown, submit };
}

export function OneTimeSecret({ items }: { items: Shown[] }) {
  return (
    <div className="admin-card admin-one-time" role="status" data-testid="one-time-secret">
      <p>
        <strong>Copy it now: it is shown once.</strong> Only a hash (or a sealed copy the server signs with) is kept; nobody can show it again.
      </p>
      <dl>
        {items.map((item) => (
          <div key={item.label}>
            <dt>{item.label}</dt>
            <dd>
              <code className="admin-break-anywhere" data-secret-label={item.label}>
                {item.value}
              </code>
              {item.note ? <div className="admin-muted">{item.note}</div> : null}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function Feedback({ error, shown }: { error: string; shown: Shown[] | null }) {
  return (
    <>
      <p role="alert" className="admin-error">
        {error}
      </p>
      {shown ? <OneTimeSecret items={shown} /> : null}
    </>
  );
}

function Field({ id, label, hint, children }: { id: string; label: string; hint?: string; children: ReactNode }) {
  return (
    <div className="admin-field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <small id={`${id}-hint`} className="admin-muted">
          {hint}
        </small>
      ) : null}
    </div>
  );
}

export function CreateApiTokenForm({ orgSlug, canEdit }: { orgSlug: string; canEdit: boolean }) {
  const id = useId();
  const { busy, error, shown, submit } = useCreateOnce();
  const [name, setName] = useState("");
  const [role, setRole] = useState("viewer");
  const [days, setDays] = useState("90");
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(`/api/orgs/${orgSlug}/api-tokens`, { name, role, expiresInDays: days === "never" ? null : Number(days) }, (data) => {
      const answer = data as { secret: string; token: { name: string } };
      return [{ label: "API token", value: answer.secret, note: `Send it as Authorization: Bearer <token>. Name: ${answer.token.name}.` }];
    });
  }
  return (
    <form onSubmit={onSubmit} className="admin-card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Create a token</h2>
      <fieldset disabled={!canEdit || busy} className="admin-fieldset-reset">
        <div className="admin-field-row">
          <Field id={`${id}-name`} label="Name" hint="What uses it, e.g. deploy pipeline.">
            <input id={`${id}-name`} required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} aria-describedby={`${id}-name-hint`} autoComplete="off" />
          </Field>
          <Field id={`${id}-role`} label="Role" hint="It may do what staff of that role may: viewers read, admins change settings and revoke sessions.">
            <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value)} aria-describedby={`${id}-role-hint`}>
              <option value="viewer">Viewer (read only)</option>
              <option value="admin">Admin</option>
              <option value="owner">Owner</option>
            </select>
          </Field>
          <Field id={`${id}-days`} label="Expires after">
            <select id={`${id}-days`} value={days} onChange={(e) => setDays(e.target.value)}>
              <option value="7">7 days</option>
              <option value="30">30 days</option>
              <option value="90">90 days</option>
              <option value="365">1 year</option>
              <option value="never">Never (not recommended)</option>
            </select>
          </Field>
        </div>
        <button type="submit" className="admin-button">
          Create token
        </button>
      </fieldset>
      {!canEdit ? <p className="admin-hint">Only owners create tokens.</p> : null}
      <Feedback error={error} shown={shown} />
    </form>
  );
}

export function CreateWebhookForm({ orgSlug, canEdit, eventChoices }: { orgSlug: string; canEdit: boolean; eventChoices: { value: string; label: string }[] }) {
  const id = useId();
  const { busy, error, shown, submit } = useCreateOnce();
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<string[]>(eventChoices.slice(0, 1).map((c) => c.value));
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(`/api/orgs/${orgSlug}/webhooks`, { url, eventTypes: events }, (data) => [{ label: "Signing secret", value: (data as { secret: string }).secret, note: "Verify every delivery with it (README, “Webhooks”)." }]);
  }
  return (
    <form onSubmit={onSubmit} className="admin-card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Add a webhook</h2>
      <fieldset disabled={!canEdit || busy} className="admin-fieldset-reset">
        <Field id={`${id}-url`} label="URL" hint="https, on a public address. Each event is POSTed as JSON, signed.">
          <input id={`${id}-url`} type="url" required maxLength={2048} value={url} onChange={(e) => setUrl(e.target.value)} aria-describedby={`${id}-url-hint`} placeholder="https://siem.example.com/hooks/sso" spellCheck={false} />
        </Field>
        <fieldset className="admin-radio-group">
          <legend>Events</legend>
          {eventChoices.map((choice) => (
            <label key={choice.value} className="admin-check">
              <input
                type="checkbox"
                value={choice.value}
                checked={events.includes(choice.value)}
                onChange={(e) => setEvents((current) => (e.target.checked ? [...current, choice.value] : current.filter((v) => v !== choice.value)))}
              />{" "}
              {choice.label ? <>{choice.label} </> : null}
              <code className="admin-muted">{choice.value}</code>
            </label>
          ))}
        </fieldset>
        <button type="submit" className="admin-button">
          Add webhook
        </button>
      </fieldset>
      {!canEdit ? <p className="admin-hint">Only owners add webhooks.</p> : null}
      <Feedback error={error} shown={shown} />
    </form>
  );
}

export function RegisterExternalSiteForm({ orgSlug, canEdit }: { orgSlug: string; canEdit: boolean }) {
  const id = useId();
  const { busy, error, shown, submit } = useCreateOnce();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [callbackUrl, setCallbackUrl] = useState("");
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(`/api/orgs/${orgSlug}/external-sites`, { name, slug, callbackUrl }, (data) => {
      const answer = data as { clientSecret: string; site: { clientId: string } };
      return [
        { label: "Client id", value: answer.site.clientId },
        { label: "Client secret", value: answer.clientSecret, note: "Put both in the site's configuration (HTTP Basic on every server-to-server call)." },
      ];
    });
  }
  return (
    <form onSubmit={onSubmit} className="admin-card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Register an external site</h2>
      <fieldset disabled={!canEdit || busy} className="admin-fieldset-reset">
        <div className="admin-field-row">
          <Field id={`${id}-name`} label="Name">
            <input id={`${id}-name`} required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
          </Field>
          <Field id={`${id}-slug`} label="Slug" hint="Sent as site=<slug> in its handshakes.">
            <input id={`${id}-slug`} required pattern="[a-z0-9][a-z0-9\-]{0,62}" value={slug} onChange={(e) => setSlug(e.target.value)} aria-describedby={`${id}-slug-hint`} autoComplete="off" spellCheck={false} />
          </Field>
        </div>
        <Field id={`${id}-callback`} label="Callback URL" hint="https (http only on localhost); the only URL its handshakes return to.">
          <input id={`${id}-callback`} type="url" required maxLength={2048} value={callbackUrl} onChange={(e) => setCallbackUrl(e.target.value)} aria-describedby={`${id}-callback-hint`} spellCheck={false} />
        </Field>
        <button type="submit" className="admin-button">
          Register site
        </button>
      </fieldset>
      {!canEdit ? <p className="admin-hint">Only owners register external sites.</p> : null}
      <Feedback error={error} shown={shown} />
    </form>
  );
}

export function RotateSecretForm({ orgSlug, site, canEdit }: { orgSlug: string; site: { slug: string; name: string }; canEdit: boolean }) {
  const id = useId();
  const { busy, error, shown, submit } = useCreateOnce();
  const [grace, setGrace] = useState("3600");
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(`/api/orgs/${orgSlug}/external-sites/${site.slug}/secret`, { graceSeconds: Number(grace) }, (data) => {
      const answer = data as { clientSecret: string; previousSecretValidUntil: string | null };
      return [
        {
          label: "New client secret",
          value: answer.clientSecret,
          note: answer.previousSecretValidUntil ? `The previous secret keeps working until ${answer.previousSecretValidUntil}.` : "The previous secret no longer works.",
        },
      ];
    });
  }
  return (
    <form onSubmit={onSubmit} className="admin-site-form" aria-label={`Rotate the client secret of ${site.name}`}>
      <fieldset disabled={!canEdit || busy} className="admin-fieldset-reset admin-inline">
        <label htmlFor={`${id}-grace`}>Previous secret works for</label>
        <select id={`${id}-grace`} value={grace} onChange={(e) => setGrace(e.target.value)}>
          <option value="0">no longer</option>
          <option value="3600">1 hour</option>
          <option value="86400">1 day</option>
          <option value="604800">7 days</option>
        </select>
        <button type="submit" className="admin-button admin-button-small">
          Rotate secret
        </button>
      </fieldset>
      <Feedback error={error} shown={shown} />
    </form>
  );
}
