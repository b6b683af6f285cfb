"use client";
// The account page's "Where you're signed in", read from the reader's own sessions API
// (GET /api/account/sessions, lib/account/own-sessions.ts) — the same JSON a publisher's front
// end gets — then grouped by browser and shown as cards (account-browsers.tsx). Its buttons call
// the same API's verbs and reload the list with the page.
import { useEffect, useState } from "react";
import type { OwnSessions } from "@/lib/account/own-sessions";
import { groupSessionsByBrowser } from "@/lib/account/group-sessions";
import type { ReaderSessionRow } from "@/lib/account/list-reader-sessions";
import { AccountBrowsers } from "./account-browsers";

type State = { kind: "loading" } | { kind: "failed" } | { kind: "ready"; data: OwnSessions };

function toRow(s: OwnSessions["sessions"][number]): ReaderSessionRow {
  return {
    id: s.id,
    siteId: s.site.id,
    siteName: s.site.name,
    siteHost: s.site.host,
    browser: s.device.label,
    deviceKind: s.device.kind,
    lastSeenAt: new Date(s.lastSeenAt),
    signedInAt: s.signedInAt ? new Date(s.signedInAt) : null,
    authMethod: s.method,
    isCurrent: s.thisOne,
    isThisDevice: s.thisBrowser,
    ssoTokenId: s.browserId,
  };
}

export function AccountSessionsList() {
  const [state, setState] = useState<State>({ kind: "loading" });
  useEffect(() => {
    let live = true;
    fetch("/api/account/sessions", { headers: { accept: "application/json" }, cache: "no-store" })
      .then(async (response) => (response.ok ? ((await response.json()) as OwnSessions) : null))
      .catch(() => null)
      .then((data) => {
        if (live) setState(data ? { kind: "ready", data } : { kind: "failed" });
      });
    return () => {
      live = false;
    };
  }, []);
  if (state.kind === "loading") {
    return (
      <p className="notice" role="status" data-testid="sessions-loading">
        Loading where you&apos;re signed in…
      </p>
    );
  }
  if (state.kind === "failed") {
    return (
      <p role="alert" className="form-error">
        Your sign-ins could not be loaded. Reload the page to try again.
      </p>
    );
  }
  return <AccountBrowsers groups={groupSessionsByBrowser(state.data.sessions.map(toRow))} signedOut={state.data.signedOutSites} />;
}
