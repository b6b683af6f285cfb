// The HTTP side of email verification: what the confirmation page posts and what it gets back.
import { z } from "zod";
import { ApiError } from "@/lib/errors";
import type { CookieToSet } from "@/lib/http/apply-cookies";
import { completeSignIn } from "@/lib/sso/complete-sign-in";
import { sessionCookie } from "@/lib/sso/resolve-site-request";
import { sanitizeReturnPath } from "@/lib/sso/return-path";
import type { SiteContext } from "@/lib/sso/site-context";
import { confirmEmailVerification, resendVerification } from "./email-verification";

export const confirmEmailBodySchema = z.strictObject({ token: z.string().min(1).max(100) });
export const confirmEmailResponseSchema = z.object({
  verified: z.literal(true),
  /** Where to go next: the page the reader registered from (a path on this site). */
  returnTo: z.string(),
});
export const resendVerificationResponseSchema = z.object({
  /** Always true: whether a mail was written (or the address is already verified, or its mail budget spent) is not told. */
  accepted: z.literal(true),
});

/**
 * Uses the link; verified, the browser that confirmed is signed in as the link's reader (unless
 * it already is), linked to its SSO token, so the other sites follow their modes.
 */
export async function confirmEmailOnSite(options: { context: SiteContext; token: string; ip: string; userAgent: string | null; secure: boolean; cookies: CookieToSet[] }) {
  const { context } = options;
  const link = await confirmEmailVerification({ token: options.token, siteId: context.site.id, orgId: context.site.orgId, ip: options.ip });
  if (!link) throw new ApiError("invalid_link", "This link has expired or was already used. Sign in to get a new one.");
  if (context.session?.readerId !== link.readerId) {
    const signedIn = await completeSignIn({ context, readerId: link.readerId, method: "email_link", userAgent: options.userAgent });
    options.cookies.push(sessionCookie(signedIn.secret, context, options.secure));
  }
  return { verified: true as const, returnTo: sanitizeReturnPath(link.returnPath) };
}

export async function resendVerificationFromSite(options: { context: SiteContext; readerId: string }) {
  await resendVerification({ siteId: options.context.site.id, readerId: options.readerId });
  return { accepted: true as const };
}
