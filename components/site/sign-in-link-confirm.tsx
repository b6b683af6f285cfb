"use client";
// The page a sign-in link opens: one button. Its POST uses the link and signs THIS browser in
// (mail scanners that prefetch the page press nothing).
import { useState } from "react";
import { postJson } from "./post-json";
import { FormError, returnPathOf, useHydrated } from "./mail-form-parts";

export function SignInLinkConfirm({ token, siteName }: { token: string; siteName: string }) {
  const ready = useHydrated();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onClick() {
    setBusy(true);
    setError(null);
    const result = await postJson("/api/account/sign-in-link/complete", { token });
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
        Sign in to {siteName}
      </button>
    </div>
  );
}
