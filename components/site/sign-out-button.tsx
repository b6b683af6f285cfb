"use client";
import { useState } from "react";
import { postJson } from "./post-json";

/** Signs out with the mode's default scope (design §4), then reloads signed out. */
export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="link-button"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        await postJson("/api/logout");
        window.location.assign("/");
      }}
    >
      Sign out
    </button>
  );
}
