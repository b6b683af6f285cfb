// POST /api/logout scopes (design §5). Signing out revokes sessions (their secrets die; a
// stolen copy of a signed-out cookie is worthless), and this browser gets a fresh anonymous
// session on this site, still linked to its SSO token when the token survives, so it does not
// need another handshake.
import { z } from "zod";
import { runPgTransaction } from "@/lib/db/transaction";
import { ApiError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDefaultLogoutScope, isLogoutScopeAllowed, logoutScopes, type LogoutScope } from "./modes";
import { revokeSessions, type Revocation } from "./revoke-sessions";
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
  /**
   * The reader's own security step — a new password, by a reset or on the account page — ends
   * the other devices whatever the mode: the mode's scope rule is about what a reader may ask
   * for on a page, not what securing the account must do (lib/account/password-reset.ts,
   * lib/account/change-password.ts) — and so does "sign out of all other sessions" on the
   * reader's sessions list (lib/account/own-sessions.ts).
   */
  because?: "password_reset" | "password_change" | "revoke_other_sessions";
}): Promise<LogoutResult> {
  const { context } = options;
  const session = context.session;
  const readerId = session?.readerId;
  if (!session || !readerId) throw new ApiError("not_signed_in", "This session is not signed in.");
  const mode = context.site.mode;
  const scope = options.where ?? getDefaultLogoutScope(mode);
  if (!isLogoutScopeAllowed(mode, scope) && !options.because) {
    const reason = mode === "auto_login" ? "Auto Login would sign this site straight back in" : "single sign-on is disabled";
    throw new ApiError("invalid_scope", `Logout scope ${scope} is not available here: ${reason}.`);
  }
  const tokenId = context.token?.id ?? null;
  const orgId = context.site.orgId;

  const revocation: Revocation =
    scope === "JUST_HERE"
      ? { scope: "session", orgId, sessionId: session.id }
      : scope === "THIS_DEVICE"
        ? { scope: "device", orgId, tokenId, sessionId: session.id, token: "unbind" }
        : scope === "OTHER_DEVICES"
          ? { scope: "other_devices", orgId, readerId, sessionId: session.id, tokenId }
          : { scope: "everywhere", orgId, readerId, sessionId: session.id, tokenId };
  const revokedSessions = (await runPgTransaction((tx) => revokeSessions(revocation, tx))).sessions.length;
  // EVERYWHERE revoked this browser's token too: its fresh session starts unlinked.
  const keepTokenLink = scope === "EVERYWHERE" ? null : tokenId;

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
