"use client";
// Identity › Settings, section "Devices per reader": the concurrent-device limit, saved with
// PUT /api/orgs/<slug>/device-limit (lib/admin/device-limit-settings.ts).
import { useRouter } from "next/navigation";
import { StatusAndError } from "./status-and-error";
import { useId, useState, type FormEvent } from "react";
import { DEVICE_LIMIT_MAX, policyLabels, type DeviceLimitSettings } from "@/lib/admin/device-limit-rules";

type Props = { orgSlug: string; initial: DeviceLimitSettings; canEdit: boolean };

export function DeviceLimitForm({ orgSlug, initial, canEdit }: Props) {
  const id = useId();
  const router = useRouter();
  const [limited, setLimited] = useState(initial.limit !== null);
  const [limit, setLimit] = useState(String(initial.limit ?? 3));
  const [policy, setPolicy] = useState(initial.policy);
  const [status, setStatus] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setStatus("");
    setError("");
    setBusy(true);
    try {
      const response = await fetch(`/api/orgs/${encodeURIComponent(orgSlug)}/device-limit`, {
        method: "PUT",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ limit: limited ? Number(limit) : null, policy }),
      });
      const body = (await response.json().catch(() => null)) as (DeviceLimitSettings & { error?: { message?: string } }) | null;
      if (!response.ok || !body) {
        setError(body?.error?.message ?? `Saving failed (HTTP ${response.status}).`);
        return;
      }
      setStatus(body.limit === null ? "Saved: no device limit." : `Saved: at most ${body.limit} device${body.limit === 1 ? "" : "s"} per reader; ${policyLabels[body.policy].toLowerCase()}.`);
      router.refresh();
    } catch {
      setError("The console could not reach the server. Nothing was saved.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="admin-section">
      <h2 id={`${id}-title`}>Devices per reader</h2>
      <p className="admin-muted">
        Limit how many devices (browsers) a reader may be signed in on at once, to curb account sharing. One browser signed in on several sites counts once.
        A reader can always get back in: resetting the password signs every other device out.
      </p>
      <form onSubmit={onSubmit} aria-label="Devices per reader">
        <fieldset disabled={!canEdit || busy} className="admin-fieldset-reset">
          <p>
            <label>
              <input type="checkbox" name="limited" checked={limited} onChange={(e) => setLimited(e.target.checked)} /> Limit devices per reader
            </label>
          </p>
          <p>
            <label htmlFor={`${id}-limit`}>At most</label>{" "}
            <input
              id={`${id}-limit`}
              name="limit"
              type="number"
              inputMode="numeric"
              min={1}
              max={DEVICE_LIMIT_MAX}
              required={limited}
              disabled={!limited}
              value={limit}
              onChange={(e) => setLimit(e.target.value)}
            />{" "}
            devices
          </p>
          <fieldset disabled={!limited}>
            <legend>When a reader signs in on one more device</legend>
            {(Object.keys(policyLabels) as (keyof typeof policyLabels)[]).map((value) => (
              <p key={value}>
                <label>
                  <input type="radio" name="policy" value={value} checked={policy === value} onChange={() => setPolicy(value)} /> {policyLabels[value]}
                </label>
              </p>
            ))}
          </fieldset>
          <button type="submit" className="admin-button">
            Set the device limit
          </button>
        </fieldset>
      </form>
      <StatusAndError status={status} error={error} />
    </section>
  );
}
