// What each SSO mode does, as the steps of a sequence diagram (Browser / Site / Auth domain /
// Postgres) for the admin's "what does my choice do?" view. The scenario is the one that
// tells the modes apart: a reader already signed in on another site of the organisation
// opens this site for the first time. Pure data; components/admin/sequence-diagram.tsx draws it.
import type { SsoMode } from "@/lib/sso/modes";

export type Participant = "browser" | "site" | "auth" | "db";

export const participants: { id: Participant; label: string; detail: string }[] = [
  { id: "browser", label: "Browser", detail: "the reader" },
  { id: "site", label: "Site", detail: "e.g. news" },
  { id: "auth", label: "Auth domain", detail: "sign-on only" },
  { id: "db", label: "Postgres", detail: "tokens, sessions" },
];

export type SequenceStep = {
  from: Participant;
  to: Participant;
  label: string;
  /** A response or redirect (dashed arrow) rather than a request. */
  isReply?: boolean;
};

export type SequenceDiagram = { mode: SsoMode; title: string; steps: SequenceStep[]; outcome: string };

export function getSequenceDiagram(options: { mode: SsoMode; ottTtlSeconds: number }): SequenceDiagram {
  const ttl = `${options.ottTtlSeconds} s`;
  const handshake: SequenceStep[] = [
    { from: "browser", to: "site", label: "GET /article (no linked session)" },
    { from: "site", to: "browser", label: "302 → auth domain + state cookie", isReply: true },
    { from: "browser", to: "auth", label: "GET /sso/handshake (SSO cookie)" },
    { from: "auth", to: "db", label: `store one-time token (${ttl})` },
    { from: "auth", to: "browser", label: "302 → registered callback ?ott", isReply: true },
    { from: "browser", to: "site", label: "GET /sso/callback?ott&state" },
    { from: "site", to: "db", label: "redeem OTT once, link session" },
  ];
  if (options.mode === "auto_login") {
    return {
      mode: "auto_login",
      title: "Auto Login: signed in on arrival",
      steps: [
        ...handshake,
        { from: "site", to: "db", label: "token signed in → sign session in" },
        { from: "site", to: "browser", label: "302 → /article, rendered signed in", isReply: true },
      ],
      outcome: "The reader is signed in on this site without a click; later visits need no redirect at all.",
    };
  }
  if (options.mode === "opt_in") {
    return {
      mode: "opt_in",
      title: "Opt In: recognised, asked first",
      steps: [
        ...handshake,
        { from: "site", to: "browser", label: "302 → /article, signed out (known)", isReply: true },
        { from: "browser", to: "site", label: "“Continue as a•••@…?” → Continue" },
        { from: "site", to: "browser", label: "signed in (new session id)", isReply: true },
      ],
      outcome: "The reader stays signed out until they choose Continue; Not now is remembered for this site.",
    };
  }
  return {
    mode: "disabled",
    title: "Disabled: no sign-on is shared",
    steps: [
      { from: "browser", to: "site", label: "GET /article" },
      { from: "site", to: "db", label: "this site's own session only" },
      { from: "site", to: "browser", label: "200, signed out unless signed in here", isReply: true },
    ],
    outcome: "No handshake and no request to the auth domain: readers sign in on each site separately.",
  };
}
