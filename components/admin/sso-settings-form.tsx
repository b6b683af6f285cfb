"use client";
// Identity › Settings: the SSO mode, lifetimes and Opt In prompt, saved with PUT
// /api/orgs/<slug>/sso (the same API automation uses, so the console can do nothing the API
// cannot). The sequence diagram follows the selected mode before it is saved. Switching the
// organisation's mode asks first, naming the effect on every reader; leaving with unsaved
// changes asks too; the Save button and what saving did stay in view (a sticky action bar).
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type RefObject } from "react";
import { ssoModes, type SsoMode } from "@/lib/sso/modes";
import { maskEmail } from "@/lib/sso/sso-status";
import {
  describeModeSwitch,
  diffSsoSettings,
  emailVerificationExplanations,
  emailVerificationPolicies,
  type EmailVerificationPolicy,
  findSettingsConflict,
  modeExplanations,
  modeLabels,
  SSO_SETTINGS_BOUNDS,
  ssoSettingsInputSchema,
  type SsoSettings,
  type SsoSettingsInput,
} from "@/lib/admin/sso-settings-rules";
import { durationUnits, formatDuration, joinDuration, splitDuration, type DurationUnit } from "@/lib/admin/durations";
import { MAILBOX_MESSAGE } from "@/lib/mail/mailbox";
import { SequenceDiagram } from "./sequence-diagram";
import { useUnsavedChangesGuard } from "./use-unsaved-changes-guard";

type Props = { orgSlug: string; orgName: string; initial: SsoSettings; canEdit: boolean; exampleSiteName: string };

type DurationField = { value: string; unit: DurationUnit };

function toField(seconds: number): DurationField {
  const { value, unit } = splitDuration(seconds);
  return { value: String(value), unit };
}

type ErrorBody = { error?: { message?: string } };

export function SsoSettingsForm({ orgSlug, orgName, initial, canEdit, exampleSiteName }: Props) {
  const id = useId();
  const [saved, setSaved] = useState(initial);
  const [mode, setMode] = useState<SsoMode>(initial.mode);
  const [ottTtl, setOttTtl] = useState(String(initial.ottTtlSeconds));
  const [idle, setIdle] = useState<DurationField>(toField(initial.sessionIdleSeconds));
  const [absolute, setAbsolute] = useState<DurationField>(toField(initial.sessionAbsoluteSeconds));
  const [reveal, setReveal] = useState(initial.promptReveal);
  const [retention, setRetention] = useState(String(initial.auditRetentionDays));
  const [verification, setVerification] = useState<EmailVerificationPolicy>(initial.emailVerification);
  const [linkSignIn, setLinkSignIn] = useState(initial.emailLinkSignIn);
  const [mailFrom, setMailFrom] = useState(initial.mailFrom);
  const [status, setStatus] = useState("");
  const [error, setError] = useState("");
  const [saving, setSaving] = useState(false);
  /** The settings waiting for the admin to confirm an organisation-wide mode switch. */
  const [pending, setPending] = useState<SsoSettingsInput | null>(null);
  const confirmDialog = useRef<HTMLDialogElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);

  const ottTtlSeconds = Number.isInteger(Number(ottTtl)) && ottTtl.trim() !== "" ? Number(ottTtl) : Number.NaN;
  const draft = {
    mode,
    ottTtlSeconds,
    sessionIdleSeconds: joinDuration(idle.value, idle.unit) ?? Number.NaN,
    sessionAbsoluteSeconds: joinDuration(absolute.value, absolute.unit) ?? Number.NaN,
    promptReveal: reveal,
    auditRetentionDays: Number.isInteger(Number(retention)) && retention.trim() !== "" ? Number(retention) : Number.NaN,
    emailVerification: verification,
    emailLinkSignIn: linkSignIn,
    mailFrom: mailFrom.trim(),
    // Saved by its own section (hosted-sign-in-form.tsx), never by this form.
    hostedSignIn: saved.hostedSignIn,
  };
  const isDirty = diffSsoSettings(saved, draft).length > 0;
  useUnsavedChangesGuard(isDirty && canEdit);

  useEffect(() => {
    const dialog = confirmDialog.current;
    if (!pending || !dialog || dialog.open) return;
    dialog.showModal();
    // The safe answer has the focus: Enter does not switch every reader by accident.
    cancelButton.current?.focus();
  }, [pending]);
  const diagramTtl = Number.isFinite(ottTtlSeconds) ? ottTtlSeconds : saved.ottTtlSeconds;

  const preview = useMemo(() => {
    const who = [reveal.name ? "Ada Reader" : null, reveal.email ? maskEmail("ada@example.com") : null].filter(Boolean).join(", ");
    const where = reveal.site ? ` on ${exampleSiteName}` : " on another of our sites";
    return who ? `You're signed in${where} as ${who} — continue as them?` : `You're signed in${where} — continue?`;
  }, [reveal, exampleSiteName]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setStatus("");
    setError("");
    const parsed = ssoSettingsInputSchema.safeParse(draft);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = String(issue?.path[0] ?? "");
      const names: Record<string, string> = {
        ottTtlSeconds: `The one-time token lifetime must be a whole number of seconds from ${SSO_SETTINGS_BOUNDS.ottTtlSeconds.min} to ${SSO_SETTINGS_BOUNDS.ottTtlSeconds.max}.`,
        sessionIdleSeconds: `The idle lifetime must be between ${formatDuration(SSO_SETTINGS_BOUNDS.sessionIdleSeconds.min)} and ${formatDuration(SSO_SETTINGS_BOUNDS.sessionIdleSeconds.max)}.`,
        sessionAbsoluteSeconds: `The absolute lifetime must be between ${formatDuration(SSO_SETTINGS_BOUNDS.sessionAbsoluteSeconds.min)} and ${formatDuration(SSO_SETTINGS_BOUNDS.sessionAbsoluteSeconds.max)}.`,
        auditRetentionDays: `Audit events must be kept a whole number of days from ${SSO_SETTINGS_BOUNDS.auditRetentionDays.min} to ${SSO_SETTINGS_BOUNDS.auditRetentionDays.max}.`,
        mailFrom: `Mail From: ${MAILBOX_MESSAGE}`,
      };
      setError(names[field] ?? issue?.message ?? "Check the values.");
      return;
    }
    const conflict = findSettingsConflict(draft);
    if (conflict) {
      setError(conflict);
      return;
    }
    if (parsed.data.mode !== saved.mode) {
      setPending(parsed.data);
      return;
    }
    await save(parsed.data);
  }

  function closeConfirm(confirmed: boolean) {
    const settings = pending;
    confirmDialog.current?.close();
    setPending(null);
    if (confirmed && settings) void save(settings);
  }

  async function save(settings: SsoSettingsInput) {
    setSaving(true);
    try {
      const response = await fetch(`/api/orgs/${encodeURIComponent(orgSlug)}/sso`, {
        method: "PUT",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ ...settings, hostedSignIn: undefined }),
      });
      const body = (await response.json().catch(() => null)) as (SsoSettings & ErrorBody) | null;
      if (!response.ok || !body || body.error) {
        setError(body?.error?.message ?? `Saving failed (HTTP ${response.status}).`);
        return;
      }
      const modeChanged = body.mode !== saved.mode;
      setSaved(body);
      setStatus(
        modeChanged
          ? `Saved. ${modeLabels[body.mode]} is in force from every reader's next request (it was ${modeLabels[saved.mode]}).`
          : diffSsoSettings(saved, body).length === 0
            ? "Nothing to save: these are the current settings."
            : "Saved. The new settings are in force from every reader's next request.",
      );
    } catch {
      setError("The console could not reach the server. Nothing was saved.");
    } finally {
      setSaving(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="admin-settings-form" aria-labelledby={`${id}-heading`} noValidate>
      <fieldset disabled={!canEdit || saving} className="admin-fieldset-reset">
        <section className="admin-card admin-sso-section" aria-labelledby={`${id}-heading`}>
          <div className="admin-sso-choice">
            <fieldset className="admin-radio-group">
              <legend id={`${id}-heading`}>
                <h2>Single Sign-On (SSO)</h2>
              </legend>
              <p className="admin-hint">How a reader signed in on one of your sites is treated on the others.</p>
              {ssoModes.map((value) => (
                <label key={value} className="admin-choice" data-checked={mode === value}>
                  <input
                    type="radio"
                    name="mode"
                    value={value}
                    checked={mode === value}
                    onChange={() => setMode(value)}
                    aria-describedby={`${id}-${value}-desc`}
                  />
                  <span className="admin-choice-text">
                    <span className="admin-choice-title">
                      {modeLabels[value]}
                      {saved.mode === value ? <span className="admin-badge">current</span> : null}
                    </span>
                    <span className="admin-choice-desc" id={`${id}-${value}-desc`}>
                      {modeExplanations[value]}
                    </span>
                  </span>
                </label>
              ))}
            </fieldset>
          </div>
          <div className="admin-sso-diagram">
            {/* Announced when the choice changes; the diagram itself is described by its own title. */}
            <h3 aria-live="polite">What happens with {modeLabels[mode]}</h3>
            <p className="admin-hint">A reader signed in on another of your sites opens this site for the first time.</p>
            <SequenceDiagram mode={mode} ottTtlSeconds={diagramTtl} idPrefix={`${id}-diagram`} />
          </div>
        </section>

        <section className="admin-card" aria-labelledby={`${id}-lifetimes`}>
          <h2 id={`${id}-lifetimes`}>Lifetimes</h2>
          <div className="admin-field-row">
            <div className="admin-field">
              <label htmlFor={`${id}-ott`}>One-time token lifetime (seconds)</label>
              <input
                id={`${id}-ott`}
                type="number"
                inputMode="numeric"
                min={SSO_SETTINGS_BOUNDS.ottTtlSeconds.min}
                max={SSO_SETTINGS_BOUNDS.ottTtlSeconds.max}
                step={1}
                value={ottTtl}
                onChange={(e) => setOttTtl(e.target.value)}
                aria-describedby={`${id}-ott-hint`}
              />
              <span className="admin-hint" id={`${id}-ott-hint`}>
                How long a handshake may take, {SSO_SETTINGS_BOUNDS.ottTtlSeconds.min}–{SSO_SETTINGS_BOUNDS.ottTtlSeconds.max} s.
              </span>
            </div>
            <DurationInput id={`${id}-idle`} label="Session idle lifetime" hint="A site session unused this long signs out." field={idle} onChange={setIdle} />
            <DurationInput id={`${id}-absolute`} label="Session absolute lifetime" hint="A site session ends this long after it began, used or not (at most 400 days)." field={absolute} onChange={setAbsolute} />
          </div>
        </section>

        <section className="admin-card" aria-labelledby={`${id}-reveal`}>
          <fieldset className="admin-checkbox-group">
            <legend id={`${id}-reveal`}>
              <h2>What the Opt In prompt may reveal</h2>
            </legend>
            <p className="admin-hint">The prompt tells a reader who they are signed in as elsewhere. Reveal no more than they need to recognise themselves.</p>
            <label className="admin-check">
              <input type="checkbox" checked={reveal.email} onChange={(e) => setReveal({ ...reveal, email: e.target.checked })} /> Masked email address (a•••@example.com)
            </label>
            <label className="admin-check">
              <input type="checkbox" checked={reveal.name} onChange={(e) => setReveal({ ...reveal, name: e.target.checked })} /> Display name
            </label>
            <label className="admin-check">
              <input type="checkbox" checked={reveal.site} onChange={(e) => setReveal({ ...reveal, site: e.target.checked })} /> Name of the site they signed in on
            </label>
            <p className="admin-preview">
              <span className="admin-preview-label">Preview:</span> “{preview}”
            </p>
          </fieldset>
        </section>

        <section className="admin-card" aria-labelledby={`${id}-mail`}>
          <h2 id={`${id}-mail`}>Readers&apos; email</h2>
          <fieldset className="admin-radio-group">
            <legend>Email verification</legend>
            {emailVerificationPolicies.map((value) => (
              <label key={value} className="admin-choice" data-checked={verification === value}>
                <input type="radio" name="emailVerification" value={value} checked={verification === value} onChange={() => setVerification(value)} aria-describedby={`${id}-verify-${value}`} />
                <span className="admin-choice-text">
                  <span className="admin-choice-title">
                    {value === "required" ? "Required before sign-in" : "Optional (signed in at once)"}
                    {saved.emailVerification === value ? <span className="admin-badge">current</span> : null}
                  </span>
                  <span className="admin-choice-desc" id={`${id}-verify-${value}`}>
                    {emailVerificationExplanations[value]}
                  </span>
                </span>
              </label>
            ))}
          </fieldset>
          <label className="admin-check">
            <input type="checkbox" checked={linkSignIn} onChange={(e) => setLinkSignIn(e.target.checked)} aria-describedby={`${id}-link-hint`} /> Sign-in by emailed link
          </label>
          <p className="admin-hint" id={`${id}-link-hint`}>
            Readers may ask for a one-time sign-in link (with a code for another device) instead of typing a password.
          </p>
          <div className="admin-field">
            <label htmlFor={`${id}-mail-from`}>Mail From</label>
            <input
              id={`${id}-mail-from`}
              type="text"
              autoComplete="off"
              spellCheck={false}
              maxLength={320}
              placeholder="Acme News <no-reply@acme.example>"
              value={mailFrom}
              onChange={(e) => setMailFrom(e.target.value)}
              aria-describedby={`${id}-mail-from-hint`}
            />
            <span className="admin-hint" id={`${id}-mail-from-hint`}>
              One address, as Name &lt;addr@domain&gt;. Empty: the server&apos;s MAIL_FROM. A site with a From of its own keeps it.
            </span>
          </div>
        </section>

        <section className="admin-card" aria-labelledby={`${id}-audit`}>
          <h2 id={`${id}-audit`}>Audit log</h2>
          <div className="admin-field">
            <label htmlFor={`${id}-retention`}>Keep audit events (days)</label>
            <input
              id={`${id}-retention`}
              type="number"
              inputMode="numeric"
              min={SSO_SETTINGS_BOUNDS.auditRetentionDays.min}
              max={SSO_SETTINGS_BOUNDS.auditRetentionDays.max}
              step={1}
              value={retention}
              onChange={(e) => setRetention(e.target.value)}
              aria-describedby={`${id}-retention-hint`}
            />
            <span className="admin-hint" id={`${id}-retention-hint`}>
              {SSO_SETTINGS_BOUNDS.auditRetentionDays.min}–{SSO_SETTINGS_BOUNDS.auditRetentionDays.max} days. Older events are purged; an incident is often noticed weeks later.
            </span>
          </div>
        </section>
      </fieldset>

      <div className="admin-actions admin-actions-bar">
        <button type="submit" className="admin-button" disabled={!canEdit || saving}>
          {saving ? "Saving…" : "Save"}
        </button>
        <div className="admin-actions-text">
          <p role="status" className="admin-status">
            {status}
          </p>
          <p role="alert" className="admin-error">
            {error}
          </p>
          {isDirty && canEdit && !status && !error ? <p className="admin-hint">Unsaved changes.</p> : null}
          {!canEdit ? <p className="admin-hint">You have view-only access to this organisation.</p> : null}
        </div>
      </div>

      <dialog ref={confirmDialog} className="admin-dialog" aria-labelledby={`${id}-confirm-title`} aria-describedby={`${id}-confirm-effect`} onClose={() => setPending(null)}>
        {pending ? <ConfirmModeSwitch id={id} text={describeModeSwitch({ orgName, to: pending.mode })} onAnswer={closeConfirm} cancelRef={cancelButton} /> : null}
      </dialog>
    </form>
  );
}

function DurationInput({ id, label, hint, field, onChange }: { id: string; label: string; hint: string; field: DurationField; onChange: (field: DurationField) => void }) {
  return (
    <div className="admin-field">
      <label htmlFor={id}>{label}</label>
      <span className="admin-duration">
        <input id={id} type="number" inputMode="decimal" min={0} step="any" value={field.value} onChange={(e) => onChange({ ...field, value: e.target.value })} aria-describedby={`${id}-hint`} />
        <select aria-label={`${label} unit`} value={field.unit} onChange={(e) => onChange({ ...field, unit: durationUnits.find((u) => u.id === e.target.value)?.id ?? field.unit })}>
          {durationUnits.map((u) => (
            <option key={u.id} value={u.id}>
              {u.label}
            </option>
          ))}
        </select>
      </span>
      <span className="admin-hint" id={`${id}-hint`}>
        {hint}
      </span>
    </div>
  );
}

type ConfirmProps = { id: string; text: ReturnType<typeof describeModeSwitch>; onAnswer: (confirmed: boolean) => void; cancelRef: RefObject<HTMLButtonElement | null> };

function ConfirmModeSwitch({ id, text, onAnswer, cancelRef }: ConfirmProps) {
  return (
    <>
      <h2 id={`${id}-confirm-title`}>{text.question}</h2>
      <p id={`${id}-confirm-effect`}>{text.effect}</p>
      <div className="admin-inline">
        <button type="button" className="admin-button" onClick={() => onAnswer(true)}>
          {text.confirmLabel}
        </button>
        <button type="button" className="admin-button admin-button-secondary" onClick={() => onAnswer(false)} ref={cancelRef}>
          Cancel
        </button>
      </div>
    </>
  );
}
