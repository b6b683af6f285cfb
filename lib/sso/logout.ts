// POST /api/logout scopes (design §5). Signing out revokes sessions (their secrets die; a
// stolen copy of a signed-out cookie is worthless), and this browser gets a fresh anonymous
// session on this site, still linked to its SSO token when the token survives, so it does not
// need another handshake.
import { z } from "zod";
import { runTransaction } from "@/lib/db/transaction";
import { ApiError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDefaultLogoutScope, isLogoutScopeAllowed, logoutScopes, type LogoutScope } from "./modes";
import type { SiteContext } from "./site-context";
import { createAnonymousSession } from "./site-sessions";
import { ssoStatusBodySchema } from "./sso-status";

export const logoutBodySchema = z
  .strictObject({ where: z.enum(logoutScopes).optional().meta({ description: "Which sessions end (design §5); absent: the mode's default." }) })
  .default({});

/** POST /api/logout's answer: what was done, and this browser's SSO status afterwards. */
export const logoutResponseSchema = ssoStatusBodySchema.extend({
  where: z.enum(logoutScopes),
  revokedSessions: z.int().min(0),
});

/** `secret`: this browser's new anonymous session, or null when its session stays (OTHER_DEVICES). */
export type LogoutResult = { scope: LogoutScope; secret: string | null; revokedSessions: number };

export async function logout(options: {
  context: SiteContext;
  where?: LogoutScope;
  ip: string;
  userAgent: string | null;
  /** The reader's own security step (a new password) signs other devices out whatever the mode (the mode rule is about what a reader may ask for on a page). */
  anyMode?: boolean;
}): Promise<LogoutResult> {
  const { context } = options;
  const session = context.session;
  const readerId = session?.readerId;
  if (!session || !readerId) throw new ApiError("not_signed_in", "This session is not signed in.");
  const mode = context.site.mode;
  const scope = options.where ?? getDefaultLogoutScope(mode);
  if (!options.anyMode && !isLogoutScopeAllowed(mode, scope)) {
    const reason = mode === "auto_login" ? "Auto Login would sign this site straight back in" : "single sign-on is disabled";
    throw new ApiError("invalid_scope", `Logout scope ${scope} is not available here: ${reason}.`);
  }
  const tokenId = context.token?.id ?? null;
  const now = new Date();

  const { revokedSessions, keepTokenLink } = await runTransaction(async (tx) => {
    let revoked = 0;
    let keepLink = tokenId;
    if (scope === "JUST_HERE") {
      revoked += (await tx.siteSession.updateMany({ where: { id: session.id, revokedAt: null }, data: { revokedAt: now } })).count;
    } else if (scope === "THIS_DEVICE") {
      revoked += (
        await tx.siteSession.updateMany({
          where: { revokedAt: null, OR: [{ id: session.id }, ...(tokenId ? [{ ssoTokenId: tokenId }] : [])] },
          data: { revokedAt: now },
        })
      ).count;
      if (tokenId) await tx.ssoToken.update({ where: { id: tokenId }, data: { readerId: null }, select: { id: true } });
    } else if (scope === "OTHER_DEVICES") {
      revoked += (
        await tx.siteSession.updateMany({
          where: {
            readerId,
            revokedAt: null,
            id: { not: session.id },
            ...(tokenId ? { OR: [{ ssoTokenId: null }, { ssoTokenId: { not: tokenId } }] } : {}),
          },
          data: { revokedAt: now },
        })
      ).count;
      await tx.ssoToken.updateMany({ where: { readerId, ...(tokenId ? { id: { not: tokenId } } : {}) }, data: { readerId: null } });
    } else {
      // EVERYWHERE: every session and every SSO token of this reader, this browser's included.
      const tokens = await tx.ssoToken.findMany({ where: { readerId, revokedAt: null }, select: { id: true } });
      const tokenIds = [...new Set([...tokens.map((t) => t.id), ...(tokenId ? [tokenId] : [])])];
      revoked += (
        await tx.siteSession.updateMany({
          where: { revokedAt: null, OR: [{ readerId }, { id: session.id }, ...(tokenIds.length ? [{ ssoTokenId: { in: tokenIds } }] : [])] },
          data: { revokedAt: now },
        })
      ).count;
      await tx.ssoToken.updateMany({ where: { id: { in: tokenIds } }, data: { revokedAt: now, readerId: null } });
      keepLink = null;
    }
    return { revokedSessions: revoked, keepTokenLink: keepLink };
  });

  if (scope === "OTHER_DEVICES" || scope === "EVERYWHERE") {
    await recordAuditEvent({
      orgId: context.site.orgId,
      type: scope === "EVERYWHERE" ? "logout.everywhere" : "logout.other_devices",
      readerId,
      siteId: context.site.id,
      ip: options.ip,
      data: { revokedSessions },
    });
  }

  // OTHER_DEVICES keeps this session as it is; every other scope ended it.
  if (scope === "OTHER_DEVICES") return { scope, secret: null, revokedSessions };
  const fresh = await createAnonymousSession({
    orgId: context.site.orgId,
    siteId: context.site.id,
    absoluteSeconds: context.site.sessionAbsoluteSeconds,
    userAgent: options.userAgent,
    ssoTokenId: keepTokenLink,
  });
  return { scope, secret: fresh.secret, revokedSessions };
}
