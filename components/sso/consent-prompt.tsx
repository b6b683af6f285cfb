"use client";
// The Opt In consent prompt (design §4): a labelled region at the very top of the page, so it
// is the first thing a keyboard or screen-reader user reaches. Rendered on the server with
// the page (no layout shift on load); "Continue" signs in with no further data capture,
// "Not now" is remembered for this site. Focus moves somewhere sensible after either.
import { useState } from "react";
import { postJson } from "@/components/site/post-json";

export type ConsentHint = { email?: string; name?: string; site?: string };

export function describeHint(hint: ConsentHint): string {
  const who = hint.email ?? hint.name ?? "your account";
  return hint.site ? `You're signed in on ${hint.site} as ${who}.` : `You're signed in on another of our sites as ${who}.`;
}

/** `hosted`: the organisation hosts sign-in on its auth domain, and "Continue" is a click on the auth domain's page (lib/sso/hosted-sign-in.ts). */
export function ConsentPrompt({ hint, hosted = false }: { hint: ConsentHint; hosted?: boolean }) {
  const [state, setState] = useState<"open" | "busy" | "dismissed">("open");
  const [error, setError] = useState<string | null>(null);
  if (state === "dismissed") return null;

  async function onContinue() {
    setState("busy");
    if (hosted) {
      window.location.assign(`/sso/hosted?view=continue&return=${encodeURIComponent(window.location.pathname + window.location.search)}`);
      return;
    }
    const result = await postJson("/api/sso/login", { use_sso: true });
    if (result.ok) {
      window.location.reload();
      return;
    }
    setError(result.message ?? "Could not continue. Try signing in instead.");
    setState("open");
  }

  async function onNotNow() {
    setState("busy");
    await postJson("/api/sso/prompt/dismiss");
    setState("dismissed");
    // The region is gone: give focus to the page's main heading rather than losing it.
    const heading = document.querySelector<HTMLElement>("main h1");
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }

  return (
    <section className="consent-prompt" aria-labelledby="consent-title" aria-describedby="consent-text" data-testid="consent-prompt">
      <div className="container consent-inner">
        <div>
          <h2 id="consent-title" className="consent-title">
            Continue with your sign-in?
          </h2>
          <p id="consent-text" className="consent-text">
            {describeHint(hint)} Continue as them?
          </p>
          {error ? (
            <p role="alert" className="form-error">
              {error}
            </p>
          ) : null}
        </div>
        <div className="consent-actions">
          <button type="button" className="button" onClick={onContinue} disabled={state === "busy"}>
            Continue
          </button>
          <button type="button" className="button button-secondary" onClick={onNotNow} disabled={state === "busy"}>
            Not now
          </button>
        </div>
      </div>
    </section>
  );
}
