// Password reset by mail (issue 16). Asking answers the same whether or not the address has an
// account (the mail is written to the outbox, or not at all, never sent inline), within the
// mail budgets of account-mail-throttle.ts. The link (30 min, single use, voided by a newer one
// and by a successful sign-in) opens a page whose GET only shows the form: mail scanners
// prefetch links, so only the POST uses it. Setting the new password:
//   - proves the mailbox (the address becomes verified) and voids the reader's other reset and
//     sign-in links;
//   - signs THIS browser in and authenticates its SSO token (the other sites follow by SSO);
//   - ends every other session of the reader and unlinks every other SSO token from them, with
//     the product's own logout verb (OTHER_DEVICES): whoever knew the old password is out.
import { z } from "zod";
import { db } from "@/lib/db/client";
import { runTransaction } from "@/lib/db/transaction";
import { ApiError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { emailSchema } from "@/lib/auth/field-messages";
import { hashPassword } from "@/lib/auth/password";
import { checkPasswordStrength } from "@/lib/auth/password-policy";
import { FIELD_LIMITS } from "@/lib/account/field-limits";
import { readerMessages } from "@/lib/mail/messages";
import { hashSecret } from "@/lib/security/secrets";
import { logout } from "@/lib/sso/logout";
import { loadSiteContext, type SiteContext } from "@/lib/sso/site-context";
import { consumeEmailLink, issueEmailLink, peekEmailLink } from "./email-links";
import { loadMailSite, sendReaderMail, siteLink } from "./reader-mail";
import { mayMailAccount, mayMailAddress, reserveLinkAttemptFromIp, reserveMailRequestFromIp } from "./account-mail-throttle";
import { acceptMailboxProof, signInFromMail } from "./sign-in-from-mail";

export const RESET_PAGE_PATH = "/reset-password";
export const FORGOT_PASSWORD_PATH = "/forgot-password";

/** The one answer to a reset request, whatever the address (and whatever the budgets). */
export const RESET_REQUESTED_MESSAGE = "If an account uses this address, we sent a link to it to choose a new password. Check your email.";

export const passwordResetRequestSchema = z.strictObject({ email: emailSchema });
export const passwordResetRequestResponseSchema = z.object({ message: z.string() });

export const passwordResetCompleteSchema = z.strictObject({
  token: z.string().max(200),
  password: z.string({ error: "Enter a new password." }).max(FIELD_LIMITS.password.max, `Your password can be at most ${FIELD_LIMITS.newPassword.max} characters long.`),
});
export const passwordResetCompleteResponseSchema = z.object({ signedIn: z.literal(true), returnTo: z.string() });

const UNUSABLE_LINK = "This link has expired or was already used. Ask for a new one.";

type Site = Pick<SiteContext["site"], "id" | "orgId">;

/** Writes the reset mail for a reader (inside `tx`), from `siteId`'s registered origin. */
async function mailResetLink(options: { siteId: string; readerId: string; email: string }): Promise<void> {
  await runTransaction(async (tx) => {
    const site = await loadMailSite(tx, options.siteId);
    if (!site) throw new ApiError("unknown_site", "No such site.");
    const link = await issueEmailLink(tx, { orgId: site.orgId, readerId: options.readerId, siteId: site.id, purpose: "reset_password", email: options.email });
    const url = siteLink(site, RESET_PAGE_PATH, { token: link.token });
    await sendReaderMail(tx, { site, to: options.email, kind: "reader.password_reset", content: readerMessages.passwordReset(site, url, link.expiresInSeconds) });
  });
}

/** "Forgot password?": mails a link when the address has an account and the budgets allow; says nothing either way. */
export async function requestPasswordReset(options: { site: Site; email: string; ip: string }): Promise<{ message: string }> {
  await reserveMailRequestFromIp(options.ip);
  const email = options.email.trim().toLowerCase();
  const reader = await db.reader.findUnique({ where: { orgId_email: { orgId: options.site.orgId, email } }, select: { id: true, email: true } });
  const mailed = (await mayMailAddress({ orgId: options.site.orgId, email, readerId: reader?.id ?? null })) && reader !== null;
  if (mailed) await mailResetLink({ siteId: options.site.id, readerId: reader.id, email: reader.email });
  await recordAuditEvent({ orgId: options.site.orgId, type: "reader.password_reset_requested", readerId: reader?.id ?? null, siteId: options.site.id, ip: options.ip, data: { mailed } });
  return { message: RESET_REQUESTED_MESSAGE };
}

/** The admin console's "Send a password-reset link" (wired on the Readers page). Per-account budget only. */
export async function sendPasswordResetLink(options: { siteId: string; readerId: string; actor: { orgId: string; actorStaffId: string; ip?: string | null } }): Promise<{ sent: boolean }> {
  const reader = await db.reader.findFirst({ where: { id: options.readerId, orgId: options.actor.orgId }, select: { id: true, email: true } });
  const site = await db.site.findFirst({ where: { id: options.siteId, orgId: options.actor.orgId }, select: { id: true } });
  if (!reader || !site) throw new ApiError("not_found", "No such reader or site in this organisation.");
  if (!(await mayMailAccount(reader.id))) throw new ApiError("rate_limited", "This reader was sent several links in the last hour. Try again later.");
  await mailResetLink({ siteId: site.id, readerId: reader.id, email: reader.email });
  await recordAuditEvent({
    orgId: options.actor.orgId, type: "reader.password_reset_requested", actorStaffId: options.actor.actorStaffId, readerId: reader.id, siteId: site.id, ip: options.actor.ip ?? null,
    data: { mailed: true, byStaff: true },
  });
  return { sent: true };
}

/** For the page a reset link opens (GET): the account's address if the link can still be used (for password managers). Never uses it. */
export async function peekResetLink(options: { orgId: string; token: string }): Promise<{ email: string } | null> {
  const link = await peekEmailLink(db, options.token, "reset_password", options.orgId);
  return link ? { email: link.email } : null;
}

/** Sets the new password (POST of the reset page); returns this browser's new session secret. */
export async function completePasswordReset(options: {
  context: SiteContext;
  token: string;
  password: string;
  ip: string;
  userAgent: string | null;
}): Promise<{ secret: string; returnTo: string; revokedSessions: number }> {
  const { context } = options;
  await reserveLinkAttemptFromIp(options.ip);
  // Peek first: a weak password must not burn the link (the reader tries another).
  const peeked = await peekEmailLink(db, options.token, "reset_password", context.site.orgId);
  if (!peeked) throw new ApiError("invalid_link", UNUSABLE_LINK);
  const weakness = checkPasswordStrength(options.password, { email: peeked.email });
  if (weakness) throw new ApiError("validation_failed", weakness);
  const passwordHash = await hashPassword(options.password);

  const readerId = await runTransaction(async (tx) => {
    const link = await consumeEmailLink(tx, options.token, "reset_password", context.site.orgId);
    if (!link) throw new ApiError("invalid_link", UNUSABLE_LINK);
    await tx.reader.update({ where: { id: link.readerId }, data: { passwordHash }, select: { id: true } });
    await acceptMailboxProof(tx, link, ["reset_password", "sign_in"]);
    const site = await loadMailSite(tx, context.site.id);
    if (site) await sendReaderMail(tx, { site, to: link.email, kind: "reader.password_changed", content: readerMessages.passwordChanged(site) });
    return link.readerId;
  });

  const signedIn = await signInFromMail({ context, readerId, method: "password_reset", ip: options.ip, userAgent: options.userAgent });
  // This browser is now the reader's, on this site and (by its SSO token) on the others; every
  // other session and token of theirs ends, through the one logout verb.
  const after = await loadSiteContext({ siteId: context.site.id, sessionHash: hashSecret(signedIn.secret) });
  if (!after) throw new ApiError("unknown_site", "No site is served at this address.");
  const ended = await logout({ context: after, where: "OTHER_DEVICES", ip: options.ip, userAgent: options.userAgent, because: "password_reset" });
  await recordAuditEvent({ orgId: context.site.orgId, type: "reader.password_reset", readerId, siteId: context.site.id, ip: options.ip, data: { revokedSessions: ended.revokedSessions } });
  return { secret: signedIn.secret, returnTo: "/", revokedSessions: ended.revokedSessions };
}
