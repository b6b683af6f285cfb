// Proving a reader receives mail at their address (design §7b). A link is mailed at
// registration (and again on request); opening it shows a button, and only the button's POST
// uses it — mail scanners open links, and must neither use them up nor sign anyone in. Using
// it marks the reader verified for the whole organisation (readers are per organisation, so
// verified on one site is verified on all) and signs the confirming browser in, as the link
// proves the same thing a sign-in link would.
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import { db } from "@/lib/db/client";
import { runTransaction } from "@/lib/db/transaction";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { readerMessages } from "@/lib/mail/messages";
import { spendAddressMailBudget } from "./account-mail-throttle";
import { consumeEmailLink, issueEmailLink, peekEmailLink, type EmailLink } from "./email-links";
import { loadMailSite, sendReaderMail, siteLink, type MailSite } from "./reader-mail";

export const VERIFY_EMAIL_PATH = "/verify-email";

/** What a reader who must verify first reads after the right password (lib/auth/site-auth-options.ts). */
export const UNVERIFIED_SIGN_IN_MESSAGE = "Confirm your email address first: we sent a link to it. Open the link, then you are signed in.";

/** Whether this reader's organisation requires a verified address and theirs is not. */
export async function mustVerifyBeforeSignIn(readerId: string): Promise<boolean> {
  const reader = await db.reader.findUnique({ where: { id: readerId }, select: { emailVerifiedAt: true, org: { select: { emailVerification: true } } } });
  return reader !== null && reader.emailVerifiedAt === null && reader.org.emailVerification === "required";
}

/** Writes a verification mail for `reader` (voiding their earlier link) inside `tx`. */
export async function sendVerificationMail(
  tx: Prisma.TransactionClient,
  options: { site: MailSite; reader: { id: string; orgId: string; email: string }; returnPath?: string },
): Promise<void> {
  const { site, reader } = options;
  const link = await issueEmailLink(tx, { orgId: reader.orgId, readerId: reader.id, siteId: site.id, purpose: "verify_email", email: reader.email, returnPath: options.returnPath });
  const url = siteLink(site, VERIFY_EMAIL_PATH, { token: link.token });
  await sendReaderMail(tx, { site, to: reader.email, kind: "reader.verify_email", content: readerMessages.verifyEmail(site, url, link.expiresInSeconds) });
  await recordAuditEvent({ orgId: reader.orgId, type: "reader.verification_sent", readerId: reader.id, siteId: site.id }, tx);
}

/**
 * "Send the link again" (the banner, the account page, a refused sign-in): at most a few per
 * address an hour. Returns whether a mail was written; callers answer the same either way.
 */
export async function resendVerification(options: { siteId: string; readerId: string; returnPath?: string }): Promise<boolean> {
  const reader = await db.reader.findUnique({ where: { id: options.readerId }, select: { id: true, orgId: true, email: true, emailVerifiedAt: true } });
  if (!reader || reader.emailVerifiedAt) return false;
  if (!(await spendAddressMailBudget(reader.orgId, reader.email)).allowed) return false;
  await runTransaction(async (tx) => {
    const site = await loadMailSite(tx, options.siteId);
    if (!site || site.orgId !== reader.orgId) return;
    await sendVerificationMail(tx, { site, reader, returnPath: options.returnPath });
  });
  return true;
}

/** What the confirmation page shows before the reader presses the button (nothing is used). */
export async function peekVerificationLink(token: string, orgId: string): Promise<EmailLink | null> {
  return peekEmailLink(db, token, "verify_email", orgId);
}

/**
 * Uses a verification link on site `siteId`. The reader is verified only if the link was sent to
 * the address the account still has (an address changed since is not proven by it).
 */
export async function confirmEmailVerification(options: { token: string; siteId: string; orgId: string; ip: string }): Promise<EmailLink | null> {
  return runTransaction(async (tx) => {
    const link = await consumeEmailLink(tx, options.token, "verify_email", options.orgId);
    if (!link) return null;
    const updated = await tx.$executeRaw`
      UPDATE readers SET email_verified_at = COALESCE(email_verified_at, now()), updated_at = now()
       WHERE id = ${link.readerId}::uuid AND email = ${link.email}`;
    if (updated === 0) return null;
    await recordAuditEvent({ orgId: link.orgId, type: "reader.email_verified", readerId: link.readerId, siteId: options.siteId, ip: options.ip }, tx);
    return link;
  });
}
