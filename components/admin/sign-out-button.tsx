"use client";
// Signs the staff member out through next-auth (its CSRF token, then POST /api/auth/signout),
// which also revokes the staff session row; then back to the sign-in page.
import { useState } from "react";

export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  async function signOut() {
    setBusy(true);
    try {
      const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
      await fetch("/api/auth/signout", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrfToken, json: "true" }),
      });
    } finally {
      window.location.assign("/");
    }
  }
  return (
    <button type="button" className="admin-button-link" onClick={signOut} disabled={busy}>
      Sign out
    </button>
  );
}
