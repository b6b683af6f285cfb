// "Sign out" of one of the reader's own sessions from the account page (another site or
// another device). Scoped to the reader and organisation: an id of someone else's session
// changes nothing and reads as not found.
import { db } from "@/lib/db/client";
import { ApiError } from "@/lib/errors";
import { z } from "zod";
import { rememberPromptDismissed } from "@/lib/sso/dismiss-prompt";

export const revokeSessionParamsSchema = z.object({ sessionId: z.uuid() });
export const revokeSessionResponseSchema = z.object({ revoked: z.literal(true) });
export const withdrawConsentParamsSchema = z.object({ consentSiteId: z.uuid().meta({ description: "The id of the site whose Opt In consent is withdrawn." }) });
export const withdrawConsentResponseSchema = z.object({ withdrawn: z.literal(true), revokedSessions: z.int().min(0) });

export async function revokeOwnSession(options: { orgId: string; readerId: string; sessionId: string }): Promise<void> {
  const result = await db.siteSession.updateMany({
    where: { id: options.sessionId, orgId: options.orgId, readerId: options.readerId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (result.count === 0) throw new ApiError("not_found", "No such session.");
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
