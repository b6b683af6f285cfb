"use client";
// The Team page's forms: invite by email with a role, change a member's role, and which staff
// must use a second factor. Owners only (the server refuses everyone else; the controls say so).
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { FIELD_LIMITS } from "@/lib/account/field-limits";
import { roleLabels, type StaffRole } from "@/lib/admin/roles";
import { twoFactorPolicyLabels, type StaffTwoFactorPolicy } from "@/lib/staff/two-factor-policy";
import { ActionStatus, type ActionMessage } from "./action-status";
import { sendConsoleJson } from "./console-json";

const ROLES: StaffRole[] = ["viewer", "admin", "owner"];
const POLICIES: StaffTwoFactorPolicy[] = ["off", "owners", "everyone"];

function useSubmit() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<ActionMessage>(null);
  async function run(method: "POST" | "PUT" | "PATCH", endpoint: string, body: unknown, doneText: (answer: unknown) => string): Promise<boolean> {
    setBusy(true);
    setMessage(null);
    const result = await sendConsoleJson(method, endpoint, body);
    setBusy(false);
    setMessage(result.ok ? { failed: false, text: doneText(result.body) } : { failed: true, text: result.message });
    if (result.ok) router.refresh();
    return result.ok;
  }
  const status = <ActionStatus message={message} />;
  return { busy, run, status };
}

export function InviteForm({ orgSlug, canEdit }: { orgSlug: string; canEdit: boolean }) {
  const { busy, run, status } = useSubmit();
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const email = String(form.get("email") ?? "");
    const ok = await run("POST", `/api/orgs/${orgSlug}/invitations`, { email, role: String(form.get("role") ?? "viewer") }, () => `Invitation sent to ${email}.`);
    if (ok) formElement.reset();
  }
  return (
    <form onSubmit={onSubmit} aria-label="Invite a colleague" className="admin-invite-form">
      <fieldset disabled={!canEdit || busy} className="admin-fieldset-reset">
        <div className="admin-field-row">
          <div className="admin-field">
            <label htmlFor="invite-email">Email</label>
            <input id="invite-email" name="email" type="email" inputMode="email" autoCapitalize="none" spellCheck={false} maxLength={FIELD_LIMITS.email.max} required />
          </div>
          <div className="admin-field">
            <label htmlFor="invite-role">Role</label>
            <select id="invite-role" name="role" defaultValue="viewer">
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {roleLabels[r]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p>
          <button type="submit" className="admin-button">
            {busy ? "Sending…" : "Send invitation"}
          </button>
        </p>
      </fieldset>
      {canEdit ? null : <p className="admin-muted">Only owners invite staff.</p>}
      {status}
    </form>
  );
}

export function RoleForm({ orgSlug, staffId, name, role, canEdit }: { orgSlug: string; staffId: string; name: string; role: StaffRole; canEdit: boolean }) {
  const { busy, run, status } = useSubmit();
  const id = useId();
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = String(new FormData(event.currentTarget).get("role") ?? role);
    await run("PATCH", `/api/orgs/${orgSlug}/staff/${staffId}`, { role: next }, () => `${name} is now ${roleLabels[next as StaffRole]}.`);
  }
  return (
    <form onSubmit={onSubmit} aria-label={`Role of ${name}`} className="admin-inline-form">
      <label htmlFor={id} className="admin-visually-hidden">
        Role of {name}
      </label>
      <select id={id} name="role" defaultValue={role} disabled={!canEdit || busy}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {roleLabels[r]}
          </option>
        ))}
      </select>{" "}
      <button type="submit" className="admin-button admin-button-small" disabled={!canEdit || busy} aria-label={`Save the role of ${name}`}>
        Save
      </button>
      {status}
    </form>
  );
}

export function TwoFactorPolicyForm({ orgSlug, policy, canEdit }: { orgSlug: string; policy: StaffTwoFactorPolicy; canEdit: boolean }) {
  const { busy, run, status } = useSubmit();
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = String(new FormData(event.currentTarget).get("policy") ?? policy) as StaffTwoFactorPolicy;
    await run("PUT", `/api/orgs/${orgSlug}/staff-two-factor`, { policy: next }, () => `Saved. ${twoFactorPolicyLabels[next].label}.`);
  }
  return (
    <form onSubmit={onSubmit} aria-label="Two-factor sign-in" className="admin-card">
      <fieldset disabled={!canEdit || busy} className="admin-fieldset-reset">
        <legend>
          <h2 id="two-factor-heading">Two-factor sign-in</h2>
        </legend>
        {POLICIES.map((p) => (
          <p key={p} className="admin-radio">
            <input type="radio" id={`policy-${p}`} name="policy" value={p} defaultChecked={p === policy} aria-describedby={`policy-${p}-hint`} />{" "}
            <label htmlFor={`policy-${p}`}>{twoFactorPolicyLabels[p].label}</label>
            <br />
            <span id={`policy-${p}-hint`} className="admin-muted">
              {twoFactorPolicyLabels[p].hint}
            </span>
          </p>
        ))}
        <button type="submit" className="admin-button">
          Save
        </button>
      </fieldset>
      {canEdit ? null : <p className="admin-muted">Only owners change this.</p>}
      {status}
    </form>
  );
}
