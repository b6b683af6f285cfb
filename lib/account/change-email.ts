// "Change email" on the account page, in two steps:
//
//   1. The signed-in reader asks, with their current password (through the sign-in throttle,
//      lib/account/change-password.ts confirmCurrentPassword). The new address gets a link
//      (purpose change_email), the current one a notice. The answer is the same whether or not
//      the new address already has an account in the organisation: only the owner of that
//      mailbox may learn it, when they open the link.
//   2. The link's page shows a button (a GET never uses the link: mail scanners fetch links);
//      its POST uses the link and sets the address, if it is still free in the organisation,
//      marks it verified (the link proved the mailbox), and tells the OLD address.
import { z } from "zod";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { runTransaction } from "@/lib/db/transaction";
import { ApiError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { emailSchema } from "@/lib/auth/field-messages";
import { readerMessages } from "@/lib/mail/messages";
import { consumeRateLimit } from "@/lib/security/rate-limit";
import { EMAIL_CHANGE_PER_ACCOUNT } from "@/lib/security/rate-limits";
import { spendAddressMailBudget } from "./account-mail-throttle";
import { isWellFormedSecret } from "@/lib/security/secrets";
import { formatWait } from "@/lib/format/duration-words";
import type { SiteContext } from "@/lib/sso/site-context";
import { FIELD_LIMITS } from "./field-limits";
import { consumeEmailLink, issueEmailLink, peekEmailLink, voidEmailLinks } from "./email-links";
import { confirmCurrentPassword } from "./change-password";
import { loadMailSite, sendReaderMail, siteLink } from "./reader-mail";
import { requireSignedIn } from "./require-signed-in";

/** Where the confirmation link lands on the site (a page with a button, never a GET that acts). */
export const CONFIRM_EMAIL_PATH = "/account/email";

export const requestEmailChangeBodySchema = z.strictObject({
  currentPassword: z.string().min(1, "Enter your current password.").max(FIELD_LIMITS.password.max),
  newEmail: emailSchema,
});
export const requestEmailChangeResponseSchema = z.object({ sent: z.literal(true) });

export const confirmEmailChangeBodySchema = z.strictObject({ token: z.string().max(128).refine(isWellFormedSecret, "This link is not valid.") });
export const confirmEmailChangeResponseSchema = z.object({ changed: z.literal(true), email: z.string() });

const rateLimited = (retryAfterSeconds: number) => new ApiError("rate_limited", `Too many changes of email were asked. Try again in ${formatWait(retryAfterSeconds)}.`);

export async function requestEmailChange(options: {
  context: SiteContext;
  body: z.infer<typeof requestEmailChangeBodySchema>;
  ip: string;
  deviceSecret: string | null;
}): Promise<void> {
  const { context, body } = options;
  const { readerId } = requireSignedIn(context);
  const orgId = context.site.orgId;
  const reader = await db.reader.findUnique({ where: { id: readerId }, select: { email: true } });
  if (!reader) throw new ApiError("unauthorized", "Sign in first.");
  if (body.newEmail === reader.email) throw new ApiError("validation_failed", "newEmail: This is already your account's address.");
  const { email: oldEmail } = await confirmCurrentPassword({ context, readerId, password: body.currentPassword, ip: options.ip, deviceSecret: options.deviceSecret });

  // Past the password, so that nobody but the account holder can spend the account's budget.
  const perAccount = await consumeRateLimit({ key: `email-change:reader:${readerId}`, ...EMAIL_CHANGE_PER_ACCOUNT });
  if (!perAccount.allowed) throw rateLimited(perAccount.retryAfterSeconds);
  // The new address's mail budget is the one every account mail to an address spends.
  const perAddress = await spendAddressMailBudget(orgId, body.newEmail);
  if (!perAddress.allowed) throw rateLimited(perAddress.retryAfterSeconds);

  await runTransaction(async (tx) => {
    const site = await loadMailSite(tx, context.site.id);
    if (!site) throw new ApiError("unknown_site", "No site is served at this address.");
    // Whether the address is taken is checked when the link is used, by its mailbox's owner.
    const link = await issueEmailLink(tx, { orgId, readerId, siteId: site.id, purpose: "change_email", email: body.newEmail });
    const url = siteLink(site, CONFIRM_EMAIL_PATH, { token: link.token });
    await sendReaderMail(tx, { site, to: body.newEmail, kind: "reader.confirm_new_email", content: readerMessages.confirmNewEmail(site, url, link.expiresInSeconds) });
    await sendReaderMail(tx, { site, to: oldEmail, kind: "reader.email_change_requested", content: readerMessages.emailChangeRequested(site, body.newEmail) });
    await recordAuditEvent({ orgId, type: "reader.email_change_requested", readerId, siteId: site.id, ip: options.ip, data: { linkId: link.id } }, tx);
  });
}

/** For the confirmation page: is this a usable change link of this site's organisation, and for which address? */
export async function peekEmailChange(options: { orgId: string; token: string }): Promise<{ newEmail: string } | null> {
  const link = await peekEmailLink(db, options.token, "change_email", options.orgId);
  if (!link || link.orgId !== options.orgId) return null;
  return { newEmail: link.email };
}

const unusableLink = () =>
  new ApiError("not_found", "This link has expired or was already used. Ask for a new one from your account page.");

const addressTaken = () =>
  new ApiError("conflict", "This address already belongs to another account here, so it cannot be used for this one. The account keeps its current address.");

export async function confirmEmailChange(options: { context: SiteContext; token: string; ip: string }): Promise<{ email: string }> {
  try {
    return await useEmailChangeLink(options);
  } catch (error) {
    // Two accounts confirming the same new address at once: the unique index decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw addressTaken();
    throw error;
  }
}

async function useEmailChangeLink(options: { context: SiteContext; token: string; ip: string }): Promise<{ email: string }> {
  const orgId = options.context.site.orgId;
  return runTransaction(async (tx) => {
    const link = await consumeEmailLink(tx, options.token, "change_email", orgId);
    // A link of another organisation is not a link here (the transaction rolls back, unused).
    if (!link || link.orgId !== orgId) throw unusableLink();
    const reader = await tx.reader.findFirst({ where: { id: link.readerId, orgId }, select: { email: true } });
    if (!reader) throw unusableLink();
    const taken = await tx.reader.findUnique({ where: { orgId_email: { orgId, email: link.email } }, select: { id: true } });
    // Only the owner of the new mailbox sees this; the link stays unused (rolled back) and harmless.
    if (taken && taken.id !== link.readerId) throw addressTaken();
    await tx.reader.update({ where: { id: link.readerId }, data: { email: link.email }, select: { id: true } });
    // The link proved the new mailbox; stamped by the database's clock, like every stored time.
    await tx.$executeRaw`UPDATE readers SET email_verified_at = now() WHERE id = ${link.readerId}::uuid`;
    // Links mailed to the old address no longer stand for the account's mailbox.
    await voidEmailLinks(tx, link.readerId, ["reset_password", "sign_in", "verify_email", "change_email"]);
    const site = await loadMailSite(tx, link.siteId ?? options.context.site.id);
    if (site && site.orgId === orgId) {
      await sendReaderMail(tx, { site, to: reader.email, kind: "reader.email_changed", content: readerMessages.emailChanged(site, link.email) });
    }
    await recordAuditEvent({ orgId, type: "reader.email_changed", readerId: link.readerId, siteId: options.context.site.id, ip: options.ip, data: { linkId: link.id } }, tx);
    return { email: link.email };
  });
}
