// "Sign out of <site>" from the account page, remembered for that browser: the site is added to
// its SSO token's meta.system.signedOutSites, and Auto Login does not sign that site in again on
// this browser (lib/sso/plan-site-request.ts, canAutoSignIn) until the reader signs in THERE
// (password, registration or "Continue": complete-sign-in.ts, login-with-sso.ts forget it).
// Without this, under Auto Login the next page of that site would sign the reader straight back
// in, and the button would do nothing the reader can see. The same idea as the Credential
// Management API's preventSilentAccess() and Google Identity's disableAutoSelect() on sign-out:
// an explicit sign-out suspends silent sign-in for that site until an explicit sign-in.
// It stops only what acts without asking; the Opt In prompt still asks (that is its consent).
import type { Queryable } from "@/lib/db/prepared";
import { addSiteToTokenList, removeSiteFromTokenList } from "./token-site-lists";

export async function rememberSiteSignOut(options: { tokenId: string; siteId: string }, client?: Queryable): Promise<void> {
  await addSiteToTokenList({ ...options, list: "signedOutSites" }, client);
}

/** The reader signed in on this site themselves: Auto Login may sign it in on this browser again. */
export async function forgetSiteSignOut(options: { tokenId: string; siteId: string }, client?: Queryable): Promise<void> {
  await removeSiteFromTokenList({ ...options, list: "signedOutSites" }, client);
}
