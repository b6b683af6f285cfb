// "Sign out of <site>" for one of the reader's own sessions from the account page (another site
// or another device). Scoped to the reader and organisation: an id of someone else's session
// changes nothing and reads as not found. The sign-out is remembered on that session's browser
// (its SSO token), so Auto Login does not sign the site straight back in there
// (lib/sso/site-sign-out.ts) — in the same transaction, so it is never half done.
import { ApiError } from "@/lib/errors";
import { z } from "zod";
import { runPgTransaction } from "@/lib/db/transaction";
import { rememberPromptDismissed } from "@/lib/sso/dismiss-prompt";
import { revokeSessions } from "@/lib/sso/revoke-sessions";
import { rememberSiteSignOut } from "@/lib/sso/site-sign-out";

export const revokeSessionParamsSchema = z.object({ sessionId: z.uuid() });
export const revokeSessionResponseSchema = z.object({ revoked: z.literal(true) });
export const withdrawConsentParamsSchema = z.object({ consentSiteId: z.uuid().meta({ description: "The id of the site whose Opt In consent is withdrawn." }) });
export const withdrawConsentResponseSchema = z.object({ withdrawn: z.literal(true), revokedSessions: z.int().min(0) });

export async function revokeOwnSession(options: { orgId: string; readerId: string; sessionId: string }): Promise<void> {
  const revoked = await runPgTransaction(async (tx) => {
    const { sessions } = await revokeSessions({ scope: "session", orgId: options.orgId, sessionId: options.sessionId, readerId: options.readerId }, tx);
    const session = sessions[0];
    if (session?.ssoTokenId) await rememberSiteSignOut({ tokenId: session.ssoTokenId, siteId: session.siteId }, tx);
    return session !== undefined;
  });
  if (!revoked) throw new ApiError("not_found", "That session has already ended. Reload the page to see where you're signed in.");
}

/**
 * Withdraws Opt In consent for one site: its "continue as" sessions are signed out, and the
 * prompt is not offered there again on this browser.
 */
export async function withdrawConsent(options: { orgId: string; readerId: string; siteId: string; tokenId: string | null }): Promise<number> {
  const { sessions } = await revokeSessions({ scope: "opt_in_consent", orgId: options.orgId, readerId: options.readerId, siteId: options.siteId });
  if (options.tokenId) await rememberPromptDismissed({ tokenId: options.tokenId, siteId: options.siteId });
  return sessions.length;
}
