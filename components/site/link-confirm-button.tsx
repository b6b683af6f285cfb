"use client";
// The one button of a page a mailed link opens (confirm an address, sign in with a link): its
// POST uses the link — opening the page does not, since mail scanners open links — and the
// browser then goes where the server says (a sanitised path on this site).
import { useState } from "react";
import { postJson } from "./post-json";
import { FormError, returnPathOf } from "./mail-form-parts";
import { useHydrated } from "./use-hydrated";

export function LinkConfirmButton({ path, token, label }: { path: string; token: string; label: string }) {
  const ready = useHydrated();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onClick() {
    setBusy(true);
    setError(null);
    const result = await postJson(path, { token });
    if (result.ok) {
      window.location.assign(returnPathOf(result.body));
      return;
    }
    setBusy(false);
    setError(result.message ?? "Something went wrong on our side. Try again in a moment.");
  }

  return (
    <div>
      <FormError id="link-error" message={error} />
      <button className="button" type="button" onClick={onClick} disabled={busy || !ready}>
        {label}
      </button>
    </div>
  );
}
