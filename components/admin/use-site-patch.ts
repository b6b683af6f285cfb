"use client";
// The Sites page's save cycle, shared by its two per-row forms (SSO switches, mail From): PATCH
// /api/orgs/<slug>/sites/<site>, a status or an error to announce, and a refresh of the page.
import { useRouter } from "next/navigation";
import { useState } from "react";

export type SitePatchAnswer = { ssoEnabled?: boolean; mailFrom?: string };

export function useSitePatch(orgSlug: string, siteSlug: string) {
  const router = useRouter();
  const [status, setStatus] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  /** Sends `changes`; on success shows `saved(answer)` and refreshes the page. */
  async function save(changes: Record<string, unknown>, saved: (answer: SitePatchAnswer) => string): Promise<void> {
    setStatus("");
    setError("");
    setBusy(true);
    try {
      const response = await fetch(`/api/orgs/${encodeURIComponent(orgSlug)}/sites/${encodeURIComponent(siteSlug)}`, {
        method: "PATCH",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(changes),
      });
      const body = (await response.json().catch(() => null)) as (SitePatchAnswer & { error?: { message?: string } }) | null;
      if (!response.ok) {
        setError(body?.error?.message ?? `Saving failed (HTTP ${response.status}).`);
        return;
      }
      setStatus(saved(body ?? {}));
      router.refresh();
    } catch {
      setError("The console could not reach the server. Nothing was saved.");
    } finally {
      setBusy(false);
    }
  }

  return { status, error, busy, save };
}
