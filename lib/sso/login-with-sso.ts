// POST /api/sso/login {"use_sso": true}: signs this site session in as the SSO token's reader,
// with no identifiers from the request. Only when the status is `known`.
import { z } from "zod";
import { ApiError } from "@/lib/errors";
import type { SiteContext } from "./site-context";
import { getSsoStatus } from "./sso-status";
import { signInSession } from "./site-sessions";
import { forgetSiteSignOut } from "./site-sign-out";

export const useSsoBodySchema = z.strictObject({ use_sso: z.literal(true) });

/** Returns the rotated session secret and the context as it is now. */
export async function loginWithSso(context: SiteContext): Promise<{ secret: string; context: SiteContext }> {
  if (context.site.mode === "disabled") throw new ApiError("sso_disabled", "Single sign-on is not enabled for this site.");
  const { session, token } = context;
  if (getSsoStatus(context) !== "known" || !session || !token?.readerId) {
    throw new ApiError("not_known", "There is no sign-on on another site to continue with.");
  }
  const method = context.site.mode === "opt_in" ? "sso_opt_in" : "sso_auto";
  const secret = await signInSession({ sessionId: session.id, readerId: token.readerId, method, onlyIfAnonymous: true });
  if (!secret) throw new ApiError("not_known", "This session is already signed in or no longer valid.");
  // The reader chose to sign in here: Auto Login may sign this site in on this browser again.
  await forgetSiteSignOut({ tokenId: token.id, siteId: context.site.id });
  return { secret, context: { ...context, session: { ...session, readerId: token.readerId, authMethod: method } } };
}
