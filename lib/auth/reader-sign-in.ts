// A reader's password sign-in and registration on a site, whatever the surface that carries
// them: next-auth's Credentials providers (lib/auth/site-auth-options.ts) and the Zephr-compatible
// POST /blaize/login and /blaize/register (docs/zephr-compat.md). One sequence each — throttle
// and password check, "prove the address first", the site session signed in and the SSO token
// authenticated — so the two surfaces cannot drift apart.
import { mustVerifyBeforeSignIn, resendVerification } from "@/lib/account/email-verification";
import { completeSignIn } from "@/lib/sso/complete-sign-in";
import type { SiteContext } from "@/lib/sso/site-context";
import { authenticateReader } from "./authenticate-reader";
import { registerReader } from "./register-reader";
import type { ThrottleScope } from "./sign-in-throttle";

type Reader = { id: string; email: string; displayName: string | null };
type SignedIn = { secret: string; sessionId: string };

export type PasswordSignInResult =
  | { ok: true; reader: Reader; signedIn: SignedIn; newDeviceSecret: string | null }
  | { ok: false; reason: "invalid_credentials" }
  | { ok: false; reason: "throttled"; scope: ThrottleScope; retryAfterSeconds: number }
  /** The right password, but the organisation wants the address proven first: a fresh link went out (within the address's mail budget). */
  | { ok: false; reason: "unverified"; newDeviceSecret: string | null };

export async function signInWithPasswordOnSite(options: {
  context: SiteContext;
  email: string;
  password: string;
  ip: string;
  userAgent: string | null;
  deviceSecret: string | null;
}): Promise<PasswordSignInResult> {
  const { context } = options;
  const result = await authenticateReader({
    orgId: context.site.orgId,
    siteId: context.site.id,
    email: options.email,
    password: options.password,
    ip: options.ip,
    deviceSecret: options.deviceSecret,
  });
  if (!result.ok) return result;
  if (await mustVerifyBeforeSignIn(result.reader.id)) {
    await resendVerification({ siteId: context.site.id, readerId: result.reader.id });
    return { ok: false, reason: "unverified", newDeviceSecret: result.newDeviceSecret };
  }
  const signedIn = await completeSignIn({ context, readerId: result.reader.id, method: "password", userAgent: options.userAgent });
  return { ok: true, reader: result.reader, signedIn, newDeviceSecret: result.newDeviceSecret };
}

export type SiteRegistrationResult =
  | { ok: true; outcome: "signed_in"; reader: Reader; signedIn: SignedIn }
  /** Not signed in: the address must be proven first, or it already had an account (one answer for both). */
  | { ok: true; outcome: "check_email" }
  | { ok: false; reason: "weak_password" | "invalid"; message: string }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export async function registerOnSite(options: {
  context: SiteContext;
  input: unknown;
  ip: string;
  userAgent: string | null;
  returnPath: string;
}): Promise<SiteRegistrationResult> {
  const { context } = options;
  const result = await registerReader({ orgId: context.site.orgId, siteId: context.site.id, input: options.input, ip: options.ip, returnPath: options.returnPath });
  if (!result.ok || result.outcome === "check_email") return result;
  const signedIn = await completeSignIn({ context, readerId: result.reader.id, method: "register", userAgent: options.userAgent });
  return { ok: true, outcome: "signed_in", reader: result.reader, signedIn };
}
