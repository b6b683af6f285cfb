// When a site page offers "Continue as …" (design §4): to a reader known from another site
// (this browser's SSO token is signed in, this site's session is not), where single sign-on is
// not disabled, and only with something to show. Two places offer it, with one difference:
//   - the prompt at the top of every page (the site layout) is Opt In's invitation, and "Not
//     now" dismisses it on this site;
//   - the sign-in page, where the reader came to sign in: the offer stands after "Not now", and
//     under Auto Login too (where a known reader is normally signed in before any page renders).
import type { SiteViewer } from "./site-viewer";
import type { SsoHint } from "./sso-status";

export type ContinueAsPlace = "prompt" | "sign_in_page";

/** What to show the reader in the offer, or null: no offer here. */
export function getContinueAsOffer(viewer: Pick<SiteViewer, "status" | "mode" | "meta"> | null, place: ContinueAsPlace): SsoHint | null {
  if (viewer?.status !== "known" || !viewer.meta.hint) return null;
  if (place === "prompt") return viewer.mode === "opt_in" && !viewer.meta.promptDismissed ? viewer.meta.hint : null;
  return viewer.mode === "disabled" ? null : viewer.meta.hint;
}
