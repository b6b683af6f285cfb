// Auto Login, applied: a site session that may be signed in without asking (plan-site-request.ts,
// canAutoSignIn: anonymous, linked to an authenticated token, site under Auto Login and not signed
// out of on this browser) is signed in as the token's reader, its secret rotated (design §7).
// One rule for the two ways a site session is reached: a site's own page request
// (resolve-site-request.ts, the secret in a cookie) and an external site's server-to-server call
// (external/external-session.ts, the secret as a session handle).
import { hashSecret } from "@/lib/security/secrets";
import { canAutoSignIn } from "./plan-site-request";
import { loadSiteContext, type SiteContext } from "./site-context";
import { signInSession } from "./site-sessions";

export type AutoLoginOutcome = {
  context: SiteContext;
  /** The session's secret from now on; `rotated` when it is a new one the browser (or external site) must be given. */
  secret: string | null;
  rotated: boolean;
};

/** `secret` is the one this request presented (null for a session created during this request). */
export async function applyAutoLogin(options: { context: SiteContext; secret: string | null }): Promise<AutoLoginOutcome> {
  const { context, secret } = options;
  const readerId = context.token?.readerId;
  if (!canAutoSignIn(context) || !context.session || !readerId) return { context, secret, rotated: false };
  const rotated = await signInSession({ sessionId: context.session.id, readerId, method: "sso_auto", onlyIfAnonymous: true });
  if (rotated) {
    return { context: { ...context, session: { ...context.session, readerId, authMethod: "sso_auto" } }, secret: rotated, rotated: true };
  }
  // Another request (another tab, another call with the same handle) signed this session in
  // between our read and our write: answer with the session as it is now (our secret is its
  // previous one, still accepted for a moment); the new secret went with that other answer.
  const reloaded = secret ? await loadSiteContext({ siteId: context.site.id, sessionHash: hashSecret(secret) }) : null;
  return { context: reloaded ?? context, secret, rotated: false };
}
