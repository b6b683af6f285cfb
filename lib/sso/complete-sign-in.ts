// The SSO side of a sign-in on a site (password, registration, emailed link, password reset): the site session is signed
// in with a new secret, and when it is linked and SSO is on, the SSO token is authenticated
// as this reader (a different reader re-binds it: the latest sign-in on this browser wins).
import { runPgTransaction } from "@/lib/db/transaction";
import type { AuthMethod } from "@/lib/generated/prisma/enums.ts";
import type { SiteContext } from "./site-context";
import { createAnonymousSession, signInSession } from "./site-sessions";
import { authenticateSsoToken } from "./sso-tokens";
import { forgetSiteSignOut } from "./site-sign-out";
import { enforceDeviceLimit } from "./device-limit";

export async function completeSignIn(options: {
  context: SiteContext;
  readerId: string;
  method: Extract<AuthMethod, "password" | "register" | "email_link" | "password_reset">;
  userAgent: string | null;
}): Promise<{ secret: string; sessionId: string }> {
  const { context, readerId } = options;
  return runPgTransaction(async (tx) => {
    // Before anything is signed in: a device beyond the organisation's limit is refused, or the
    // oldest make room (lib/sso/device-limit.ts), in this transaction and under its lock.
    await enforceDeviceLimit(tx, { orgId: context.site.orgId, readerId, sessionId: context.session?.id ?? null, siteId: context.site.id, method: options.method });
    let sessionId = context.session?.id ?? null;
    let secret = sessionId ? await signInSession({ sessionId, readerId, method: options.method }, tx) : null;
    if (!secret || !sessionId) {
      const created = await createAnonymousSession(
        { orgId: context.site.orgId, siteId: context.site.id, absoluteSeconds: context.site.sessionAbsoluteSeconds, userAgent: options.userAgent },
        tx,
      );
      sessionId = created.id;
      secret = await signInSession({ sessionId, readerId, method: options.method }, tx);
      if (!secret) throw new Error("a session created in this transaction could not be signed in");
    }
    if (context.token && context.site.mode !== "disabled") {
      await authenticateSsoToken({ tokenId: context.token.id, readerId }, tx);
    }
    // Signing in here undoes an earlier "Sign out of this site" on this browser (site-sign-out.ts).
    if (context.token) await forgetSiteSignOut({ tokenId: context.token.id, siteId: context.site.id }, tx);
    return { secret, sessionId };
  });
}
