// "Delete my account" (README, "Data rights"), by the reader or by staff (owner/admin).
//
// The reader proves it is them again, one of two ways:
//   - the current password, checked by the sign-in verb through the sign-in throttle
//     (change-password.ts confirmCurrentPassword), so this form is no side door for guessing;
//   - an emailed confirmation link (purpose delete_account, lib/account/email-links.ts), for a
//     reader who signed in by link and has no password in mind. The link's page only shows a
//     button; its POST deletes (mail scanners open links).
//
// Erasing (eraseReader, one transaction): every session and SSO token of the reader is revoked
// through the one revocation verb (lib/sso/revoke-sessions.ts, scope everywhere); the SSO meta of
// their browsers is emptied; the audit rows about them stay (the organisation's record of what
// happened) but lose the client address and details, and so do rows that name the address; their
// known devices and mail to the address are forgotten; the reader row goes (its sessions and
// links with it), so the address can register again at once.
import { z } from "zod";
import type { PoolClient } from "pg";
import { db } from "@/lib/db/client";
import { runPgTransaction, runTransaction } from "@/lib/db/transaction";
import { preparedStatement, queryPrepared } from "@/lib/db/prepared";
import { ApiError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { readerMessages } from "@/lib/mail/messages";
import { isWellFormedSecret } from "@/lib/security/secrets";
import { revokeSessions } from "@/lib/sso/revoke-sessions";
import type { SiteContext } from "@/lib/sso/site-context";
import { FIELD_LIMITS } from "./field-limits";
import { confirmCurrentPassword } from "./change-password";
import { consumeEmailLink, issueEmailLink, peekEmailLink } from "./email-links";
import { loadMailSite, sendReaderMail, siteLink } from "./reader-mail";
import { requireSignedIn } from "./require-signed-in";
import { spendAddressMailBudget } from "./account-mail-throttle";
import { formatWait } from "@/lib/format/duration-words";

/** Where the confirmation link lands (a page with a button) and where a deleted reader is sent. */
export const CONFIRM_DELETION_PATH = "/account/delete";
export const DELETED_PATH = "/account/deleted";

export const requestDeletionBodySchema = z.union([
  z.strictObject({ currentPassword: z.string().min(1, "Enter your current password.").max(FIELD_LIMITS.password.max) }),
  z.strictObject({ confirmBy: z.literal("email").meta({ description: "Mail a confirmation link to the account's address instead of giving the password." }) }),
]);
export const requestDeletionResponseSchema = z.union([
  z.object({ deleted: z.literal(true), returnTo: z.string() }),
  z.object({ sent: z.literal(true) }),
]);
export const confirmDeletionBodySchema = z.strictObject({ token: z.string().max(128).refine(isWellFormedSecret, "This link is not valid.") });
export const confirmDeletionResponseSchema = z.object({ deleted: z.literal(true), returnTo: z.string() });
export const adminDeleteReaderResponseSchema = z.object({ deleted: z.literal(true), revokedSessions: z.int().min(0), revokedTokens: z.int().min(0) });

export type ErasedReader = { revokedSessions: number; revokedTokens: number };

const LOCK_READER = preparedStatement("erase_lock_reader", `SELECT email FROM readers WHERE id = $1::uuid AND org_id = $2::uuid FOR UPDATE`);
const READER_TOKEN_IDS = preparedStatement(
  "erase_reader_token_ids",
  `SELECT DISTINCT t.id::text AS id FROM sso_tokens t
    WHERE t.org_id = $1::uuid AND (t.reader_id = $2::uuid OR t.id IN (SELECT ss.sso_token_id FROM site_sessions ss WHERE ss.reader_id = $2::uuid))`,
);
const EMPTY_TOKEN_META = preparedStatement("erase_token_meta", `UPDATE sso_tokens SET meta = '{}'::jsonb WHERE id = ANY($1::uuid[])`);
// Kept, for the organisation's record, but no longer about a person: no address, no details.
const ANONYMISE_AUDIT = preparedStatement(
  "erase_anonymise_audit",
  `UPDATE audit_events SET ip = NULL, data = '{"anonymised": true}'::jsonb
    WHERE org_id = $1::uuid AND (reader_id = $2::uuid OR strpos(data::text, $3) > 0)`,
);
const FORGET_SOURCES = preparedStatement("erase_sign_in_sources", `DELETE FROM sign_in_sources WHERE subject = 'reader:' || $1`);
// A message being handed to the SMTP server right now is left to finish; the rest go.
const FORGET_MAIL = preparedStatement("erase_outbox_mail", `DELETE FROM mail_outbox WHERE org_id = $1::uuid AND lower(to_address) = lower($2) AND state <> 'sending'`);
const DELETE_READER = preparedStatement("erase_reader", `DELETE FROM readers WHERE id = $1::uuid AND org_id = $2::uuid`);

/** Erases one reader of `orgId` (404 when there is none: another organisation's reader id is no reader here). */
export async function eraseReader(options: { orgId: string; readerId: string; actorStaffId?: string | null; siteId?: string | null; ip?: string | null; how: "password" | "email_link" | "staff" }): Promise<ErasedReader> {
  if (!z.uuid().safeParse(options.readerId).success) throw new ApiError("not_found", "No such reader in this organisation.");
  return runPgTransaction(async (client: PoolClient) => {
    const { orgId, readerId } = options;
    const [reader] = await queryPrepared<{ email: string }>(LOCK_READER, [readerId, orgId], client);
    if (!reader) throw new ApiError("not_found", "No such reader in this organisation.");
    const tokenIds = (await queryPrepared<{ id: string }>(READER_TOKEN_IDS, [orgId, readerId], client)).map((t) => t.id);
    const revoked = await revokeSessions({ scope: "everywhere", orgId, readerId }, client);
    await queryPrepared(EMPTY_TOKEN_META, [tokenIds], client);
    await queryPrepared(ANONYMISE_AUDIT, [orgId, readerId, reader.email], client);
    await queryPrepared(FORGET_SOURCES, [readerId], client);
    await queryPrepared(FORGET_MAIL, [orgId, reader.email], client);
    await queryPrepared(DELETE_READER, [readerId, orgId], client);
    const erased = { revokedSessions: revoked.sessions.length, revokedTokens: revoked.revokedTokens };
    // The reader's own address is not kept with the event; a staff member's is (they act for the organisation).
    await recordAuditEvent(
      { orgId, type: "reader.deleted", readerId, actorStaffId: options.actorStaffId ?? null, siteId: options.siteId ?? null, ip: options.actorStaffId ? (options.ip ?? null) : null, data: { how: options.how, ...erased } },
      client,
    );
    return erased;
  });
}

const rateLimited = (retryAfterSeconds: number) => new ApiError("rate_limited", `Too many mails were sent to this address. Try again in ${formatWait(retryAfterSeconds)}.`);

/** The account page's request: deletes at once with the password, or mails a confirmation link. */
export async function requestAccountDeletion(options: {
  context: SiteContext;
  body: z.infer<typeof requestDeletionBodySchema>;
  ip: string;
  deviceSecret: string | null;
}): Promise<z.infer<typeof requestDeletionResponseSchema>> {
  const { context, body } = options;
  const { readerId } = requireSignedIn(context);
  const orgId = context.site.orgId;
  if ("currentPassword" in body) {
    await confirmCurrentPassword({ context, readerId, password: body.currentPassword, ip: options.ip, deviceSecret: options.deviceSecret });
    await eraseReader({ orgId, readerId, siteId: context.site.id, how: "password" });
    return { deleted: true, returnTo: DELETED_PATH };
  }
  const reader = await db.reader.findUnique({ where: { id: readerId }, select: { email: true } });
  if (!reader) throw new ApiError("unauthorized", "Sign in first.");
  // Every account mail to an address spends the one budget (lib/account/account-mail-throttle.ts).
  const budget = await spendAddressMailBudget(orgId, reader.email);
  if (!budget.allowed) throw rateLimited(budget.retryAfterSeconds);
  await runTransaction(async (tx) => {
    const site = await loadMailSite(tx, context.site.id);
    if (!site) throw new ApiError("unknown_site", "No site is served at this address.");
    const link = await issueEmailLink(tx, { orgId, readerId, siteId: site.id, purpose: "delete_account", email: reader.email });
    const url = siteLink(site, CONFIRM_DELETION_PATH, { token: link.token });
    await sendReaderMail(tx, { site, to: reader.email, kind: "reader.confirm_deletion", content: readerMessages.confirmDeletion(site, url, link.expiresInSeconds) });
    await recordAuditEvent({ orgId, type: "reader.deletion_requested", readerId, siteId: site.id, data: { linkId: link.id } }, tx);
  });
  return { sent: true };
}

/** For the confirmation page: is this a usable deletion link of this organisation, and for which address? */
export async function peekAccountDeletion(options: { orgId: string; token: string }): Promise<{ email: string } | null> {
  const link = await peekEmailLink(db, options.token, "delete_account", options.orgId);
  if (!link || link.orgId !== options.orgId) return null;
  return { email: link.email };
}

const unusableLink = () => new ApiError("invalid_link", "This link has expired or was already used. Ask for a new one from your account page.");

/**
 * The link's button: the link is used (single use, this organisation's) and the reader erased.
 * The link proves the mailbox, like a password reset's: no session is needed (the reader may
 * open the mail on another device).
 */
export async function confirmAccountDeletion(options: { context: SiteContext; token: string }): Promise<z.infer<typeof confirmDeletionResponseSchema>> {
  const orgId = options.context.site.orgId;
  const readerId = await runTransaction(async (tx) => {
    const link = await consumeEmailLink(tx, options.token, "delete_account", orgId);
    if (!link || link.orgId !== orgId) throw unusableLink();
    return link.readerId;
  });
  await eraseReader({ orgId, readerId, siteId: options.context.site.id, how: "email_link" });
  return { deleted: true, returnTo: DELETED_PATH };
}
