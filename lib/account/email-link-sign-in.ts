// Sign-in by emailed link (Zephr's "token exchange"), with the product's own verbs rather than
// next-auth's Email provider: that provider needs a database adapter with its own user,
// account and verification-token tables (a second model of readers beside ours), and it signs
// next-auth's session in — not our site session, and not the SSO token — so Auto Login / Opt
// In would not follow on the other sites. Here the link is a reader_email_links row
// (email-links.ts) and the sign-in is completeSignIn's, like a password's.
//
// Asking answers the same whether or not the address has an account, and sets on the asking
// browser a short-lived cookie with the link's id (a random id when no link was written). The
// mail carries a link AND a six-digit code:
//   - the link, opened in ANY browser, shows "Sign in to <site> as <masked email>" with a button
//     (GET never uses it: mail scanners prefetch links); the button's POST signs THAT browser in;
//   - the code, typed in the browser that asked (the only one holding the link's id), signs that
//     browser in — for a reader who reads mail on their phone but asked on a laptop. Five wrong
//     codes void the link; a wrong code and an unknown address answer alike.
// Whichever is used first wins; the other is dead (single use). Per-organisation switch
// (Organization.emailLinkSignIn): off, the option is not shown and every endpoint answers 403.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { runTransaction } from "@/lib/db/transaction";
import { ApiError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { emailSchema } from "@/lib/auth/field-messages";
import { readerMessages } from "@/lib/mail/messages";
import { maskEmail } from "@/lib/sso/sso-status";
import { sanitizeReturnPath } from "@/lib/sso/return-path";
import type { SiteContext } from "@/lib/sso/site-context";
import { consumeEmailLink, consumeEmailLinkByCode, EMAIL_LINK_TTL_SECONDS, issueEmailLink, peekEmailLink, type EmailLink } from "./email-links";
import { loadMailSite, sendReaderMail, siteLink } from "./reader-mail";
import { mayMailAddress, reserveLinkAttemptFromIp, reserveMailRequestFromIp } from "./account-mail-throttle";
import { acceptMailboxProof, signInFromMail } from "./sign-in-from-mail";

export const SIGN_IN_LINK_PAGE_PATH = "/signin/link";
/** The asking browser's cookie (the link id) lives as long as the link. */
export const SIGN_IN_LINK_COOKIE_SECONDS = EMAIL_LINK_TTL_SECONDS.sign_in;

export const SIGN_IN_LINK_SENT_MESSAGE = "If an account uses this address, we sent it a sign-in link. Check your email — or type the code from it here.";
const UNUSABLE_LINK = "This sign-in link has expired or was already used. Ask for a new one.";
const WRONG_CODE = "That code did not work: it is wrong, or it expired. Check the mail, or ask for a new link.";

export const signInLinkRequestSchema = z.strictObject({ email: emailSchema, returnTo: z.string().max(2048).optional() });
export const signInLinkRequestResponseSchema = z.object({ message: z.string() });
export const signInLinkCompleteSchema = z.union([
  z.strictObject({ token: z.string().max(200) }),
  z.strictObject({ code: z.string().trim().max(20) }),
]);
export const signInLinkCompleteResponseSchema = z.object({ signedIn: z.literal(true), returnTo: z.string() });

type Site = Pick<SiteContext["site"], "id" | "orgId">;

export async function isEmailLinkSignInOn(orgId: string): Promise<boolean> {
  const org = await db.organization.findUnique({ where: { id: orgId }, select: { emailLinkSignIn: true } });
  return org?.emailLinkSignIn === true;
}

async function assertEmailLinkSignInOn(orgId: string): Promise<void> {
  if (!(await isEmailLinkSignInOn(orgId))) throw new ApiError("forbidden", "Sign-in by emailed link is turned off for this site. Sign in with your password.");
}

/** "Email me a sign-in link". Returns the id for the asking browser's cookie (random when no link was written). */
export async function requestSignInLink(options: { site: Site; email: string; returnTo?: string; ip: string }): Promise<{ message: string; linkId: string }> {
  await assertEmailLinkSignInOn(options.site.orgId);
  await reserveMailRequestFromIp(options.ip);
  const email = options.email.trim().toLowerCase();
  const reader = await db.reader.findUnique({ where: { orgId_email: { orgId: options.site.orgId, email } }, select: { id: true, email: true } });
  const mailed = (await mayMailAddress({ orgId: options.site.orgId, email, readerId: reader?.id ?? null })) && reader !== null;
  let linkId: string = randomUUID();
  if (mailed) {
    linkId = await runTransaction(async (tx) => {
      const site = await loadMailSite(tx, options.site.id);
      if (!site) throw new ApiError("unknown_site", "No such site.");
      const link = await issueEmailLink(tx, {
        orgId: site.orgId, readerId: reader.id, siteId: site.id, purpose: "sign_in", email: reader.email,
        returnPath: sanitizeReturnPath(options.returnTo ?? "/"), withCode: true,
      });
      const url = siteLink(site, SIGN_IN_LINK_PAGE_PATH, { token: link.token });
      await sendReaderMail(tx, { site, to: reader.email, kind: "reader.sign_in_link", content: readerMessages.signInLink(site, url, link.code ?? "", link.expiresInSeconds) });
      return link.id;
    });
  }
  await recordAuditEvent({ orgId: options.site.orgId, type: "reader.sign_in_link_requested", readerId: reader?.id ?? null, siteId: options.site.id, ip: options.ip, data: { mailed } });
  return { message: SIGN_IN_LINK_SENT_MESSAGE, linkId };
}

/** For the page a link opens (GET): who it would sign in, masked. Never uses it. */
export async function describeSignInLink(options: { orgId: string; token: string }): Promise<{ maskedEmail: string } | null> {
  if (!(await isEmailLinkSignInOn(options.orgId))) return null;
  const link = await peekEmailLink(db, options.token, "sign_in", options.orgId);
  return link ? { maskedEmail: maskEmail(link.email) } : null;
}

async function finish(options: { context: SiteContext; link: EmailLink; via: "link" | "code"; ip: string; userAgent: string | null }) {
  const signedIn = await signInFromMail({ context: options.context, readerId: options.link.readerId, method: "email_link", ip: options.ip, userAgent: options.userAgent });
  await recordAuditEvent({ orgId: options.context.site.orgId, type: "reader.sign_in_link_used", readerId: options.link.readerId, siteId: options.context.site.id, ip: options.ip, data: { via: options.via } });
  return { secret: signedIn.secret, returnTo: sanitizeReturnPath(options.link.returnPath) };
}

/** The link's button (POST, any browser): uses the link and signs this browser in. */
export async function completeSignInByLink(options: { context: SiteContext; token: string; ip: string; userAgent: string | null }): Promise<{ secret: string; returnTo: string }> {
  const orgId = options.context.site.orgId;
  await assertEmailLinkSignInOn(orgId);
  await reserveLinkAttemptFromIp(options.ip);
  const link = await runTransaction(async (tx) => {
    const used = await consumeEmailLink(tx, options.token, "sign_in", orgId);
    if (!used) throw new ApiError("invalid_link", UNUSABLE_LINK);
    await acceptMailboxProof(tx, used, ["reset_password"]);
    return used;
  });
  return finish({ ...options, link, via: "link" });
}

/** The code typed in the browser that asked (it holds the link's id in its cookie). */
export async function completeSignInByCode(options: { context: SiteContext; linkId: string | null; code: string; ip: string; userAgent: string | null }): Promise<{ secret: string; returnTo: string }> {
  const orgId = options.context.site.orgId;
  await assertEmailLinkSignInOn(orgId);
  await reserveLinkAttemptFromIp(options.ip);
  const linkId = z.uuid().safeParse(options.linkId);
  // No cookie, a made-up id, a wrong code, a used or voided link: one answer, so a code typed
  // after asking for a stranger's address tells nothing about whether it has an account.
  if (!linkId.success) throw new ApiError("invalid_link", WRONG_CODE);
  const outcome = await runTransaction(async (tx) => {
    const result = await consumeEmailLinkByCode(tx, linkId.data, options.code, orgId);
    if (result.ok) await acceptMailboxProof(tx, result.link, ["reset_password"]);
    return result;
  });
  if (!outcome.ok) {
    if (outcome.reason === "wrong_code") {
      await recordAuditEvent({ orgId, type: "reader.sign_in_code_failed", siteId: options.context.site.id, ip: options.ip, data: { linkId: linkId.data, attemptsLeft: outcome.attemptsLeft } });
    }
    throw new ApiError("invalid_link", WRONG_CODE);
  }
  return finish({ ...options, link: outcome.link, via: "code" });
}
