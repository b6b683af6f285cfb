// "Sign out of <site>" for one of the reader's own sessions from the account page (another site
// or another device). Scoped to the reader and organisation: an id of someone else's session
// changes nothing and reads as not found. The sign-out is remembered on that session's browser
// (its SSO token), so Auto Login does not sign the site straight back in there
// (lib/sso/site-sign-out.ts) — in the same transaction, so it is never half done.
import { db } from "@/lib/db/client";
import { ApiError } from "@/lib/errors";
import { z } from "zod";
import { runPgTransaction } from "@/lib/db/transaction";
import { rememberPromptDismissed } from "@/lib/sso/dismiss-prompt";
import { rememberSiteSignOut } from "@/lib/sso/site-sign-out";

export const revokeSessionParamsSchema = z.object({ sessionId: z.uuid() });
export const revokeSessionResponseSchema = z.object({ revoked: z.literal(true) });
export const withdrawConsentParamsSchema = z.object({ consentSiteId: z.uuid().meta({ description: "The id of the site whose Opt In consent is withdrawn." }) });
export const withdrawConsentResponseSchema = z.object({ withdrawn: z.literal(true), revokedSessions: z.int().min(0) });

export async function revokeOwnSession(options: { orgId: string; readerId: string; sessionId: string }): Promise<void> {
  const revoked = await runPgTransaction(async (tx) => {
    const { rows } = await tx.query<{ site_id: string; sso_token_id: string | null }>(
      `UPDATE site_sessions SET revoked_at = now()
        WHERE id = $1::uuid AND org_id = $2::uuid AND reader_id = $3::uuid AND revoked_at IS NULL
       RETURNING site_id::text, sso_token_id::text`,
      [options.sessionId, options.orgId, options.readerId],
    );
    const row = rows[0];
    if (row?.sso_token_id) await rememberSiteSignOut({ tokenId: row.sso_token_id, siteId: row.site_id }, tx);
    return row !== undefined;
  });
  if (!revoked) throw new ApiError("not_found", "That session has already ended. Reload the page to see where you're signed in.");
}

/**
 * Withdraws Opt In consent for one site: its "continue as" sessions are signed out, and the
 * prompt is not offered there again on this browser.
 */
export async function withdrawConsent(options: { orgId: string; readerId: string; siteId: string; tokenId: string | null }): Promise<number> {
  const result = await db.siteSession.updateMany({
    where: { orgId: options.orgId, readerId: options.readerId, siteId: options.siteId, authMethod: "sso_opt_in", revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (options.tokenId) await rememberPromptDismissed({ tokenId: options.tokenId, siteId: options.siteId });
  return result.count;
}
