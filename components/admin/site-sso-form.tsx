"use client";
// One site's SSO switches on the Sites page: participation (the kill switch) and the mode
// override, saved with PATCH /api/orgs/<slug>/sites/<site>.
import { useId, useState, type FormEvent } from "react";
import { ssoModes, type SsoMode } from "@/lib/sso/modes";
import { modeLabels } from "@/lib/admin/sso-settings-rules";
import { useSitePatch } from "./use-site-patch";
import { StatusAndError } from "./status-and-error";

type Props = {
  orgSlug: string;
  site: { slug: string; name: string; ssoEnabled: boolean; ssoModeOverride: SsoMode | null };
  orgMode: SsoMode;
  canEdit: boolean;
};

const FOLLOW = "follow";

export function SiteSsoForm({ orgSlug, site, orgMode, canEdit }: Props) {
  const id = useId();
  const [enabled, setEnabled] = useState(site.ssoEnabled);
  const [override, setOverride] = useState<string>(site.ssoModeOverride ?? FOLLOW);
  const { status, error, busy, save } = useSitePatch(orgSlug, site.slug);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const ssoModeOverride = ssoModes.find((m) => m === override) ?? null;
    void save({ ssoEnabled: enabled, ssoModeOverride }, (answer) =>
      answer.ssoEnabled === false ? `Saved: ${site.name} is out of SSO from its next request.` : `Saved for ${site.name}.`,
    );
  }

  return (
    <form onSubmit={onSubmit} className="admin-site-form" aria-label={`SSO for ${site.name}`}>
      <fieldset disabled={!canEdit || busy} className="admin-fieldset-reset admin-inline">
        <label className="admin-check">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Participates in SSO
        </label>
        <label htmlFor={`${id}-mode`} className="admin-visually-hidden">
          Mode for {site.name}
        </label>
        <select id={`${id}-mode`} value={override} onChange={(e) => setOverride(e.target.value)} disabled={!enabled || !canEdit || busy}>
          <option value={FOLLOW}>Follow organisation ({modeLabels[orgMode]})</option>
          {ssoModes.map((m) => (
            <option key={m} value={m}>
              {modeLabels[m]}
            </option>
          ))}
        </select>
        <button type="submit" className="admin-button admin-button-small">
          Save
        </button>
      </fieldset>
      <StatusAndError status={status} error={error} />
    </form>
  );
}
