"use client";
// "Continue as …" above the sign-in form in Opt In, for a reader already signed in elsewhere.
import { useState } from "react";
import { postJson } from "@/components/site/post-json";
import { describeHint, type ConsentHint } from "./consent-prompt";

export function ContinueAs({ hint, returnTo }: { hint: ConsentHint; returnTo: string }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="continue-as" data-testid="continue-as">
      <p>{describeHint(hint)}</p>
      <button
        type="button"
        className="button"
        onClick={async () => {
          const result = await postJson("/api/sso/login", { use_sso: true });
          if (result.ok) window.location.assign(returnTo);
          else setError(result.message ?? "Could not continue.");
        }}
      >
        Continue as {hint.name ?? hint.email ?? "them"}
      </button>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      <p className="divider">or sign in with a password</p>
    </div>
  );
}
