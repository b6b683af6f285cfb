// Links sent by mail to readers (verification, password reset, sign-in, a new address). The
// token is 256 random bits shown only in the mail; the database keeps its SHA-256. A link is
// single use (used_at is set by the one UPDATE that may use it), expires, and issuing a new
// link of the same purpose voids the reader's earlier unused ones. Times are the database's.
//
// A sign-in link also carries a six-digit code, for a reader who opens the mail on another
// device than the browser that asked: that browser (and only it: it holds the link's id in a
// cookie) may type the code instead. Five wrong codes void the link.
import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import type { EmailLinkPurpose } from "@/lib/generated/prisma/enums.ts";
import { generateSecret, hashSecret, isWellFormedSecret } from "@/lib/security/secrets";

/** How long each kind of link works. A reset or a sign-in link is a key to the account: short. */
export const EMAIL_LINK_TTL_SECONDS: Record<EmailLinkPurpose, number> = {
  verify_email: 48 * 3_600,
  reset_password: 30 * 60,
  sign_in: 15 * 60,
  change_email: 24 * 3_600,
  // Deleting an account is final: the confirmation is short-lived, like a reset.
  delete_account: 30 * 60,
};

export const SIGN_IN_CODE_MAX_ATTEMPTS = 5;

export type EmailLink = {
  id: string;
  orgId: string;
  readerId: string;
  siteId: string | null;
  purpose: EmailLinkPurpose;
  email: string;
  returnPath: string;
};

type LinkRow = { id: string; org_id: string; reader_id: string; site_id: string | null; purpose: EmailLinkPurpose; email: string; return_path: string };

function toLink(row: LinkRow): EmailLink {
  return { id: row.id, orgId: row.org_id, readerId: row.reader_id, siteId: row.site_id, purpose: row.purpose, email: row.email, returnPath: row.return_path };
}

function hashCode(linkId: string, code: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createHash("sha256").update(`${linkId}:${code}`, "utf8").digest());
}

/** Issues a link (voiding the reader's earlier unused links of the same purpose); the token and code exist only in the mail. */
export async function issueEmailLink(
  tx: Prisma.TransactionClient,
  options: { orgId: string; readerId: string; siteId: string | null; purpose: EmailLinkPurpose; email: string; returnPath?: string; withCode?: boolean },
): Promise<{ id: string; token: string; code: string | null; expiresInSeconds: number }> {
  await voidEmailLinks(tx, options.readerId, [options.purpose]);
  const token = generateSecret();
  const ttl = EMAIL_LINK_TTL_SECONDS[options.purpose];
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO reader_email_links (org_id, reader_id, site_id, purpose, token_hash, email, return_path, expires_at)
    VALUES (${options.orgId}::uuid, ${options.readerId}::uuid, ${options.siteId}::uuid, ${options.purpose}::"EmailLinkPurpose",
            ${hashSecret(token)}, ${options.email}, ${options.returnPath ?? "/"}, now() + make_interval(secs => ${ttl}))
    RETURNING id`;
  if (!row) throw new Error("the email link was not stored");
  let code: string | null = null;
  if (options.withCode) {
    code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    await tx.$executeRaw`UPDATE reader_email_links SET code_hash = ${hashCode(row.id, code)} WHERE id = ${row.id}::uuid`;
  }
  return { id: row.id, token, code, expiresInSeconds: ttl };
}

/**
 * The link a token stands for, if it can still be used on a site of `orgId` (for the page that
 * asks to confirm). A link of another organisation is no link here: its reader is not this
 * organisation's.
 */
export async function peekEmailLink(tx: Prisma.TransactionClient, token: string, purpose: EmailLinkPurpose, orgId: string): Promise<EmailLink | null> {
  if (!isWellFormedSecret(token)) return null;
  const [row] = await tx.$queryRaw<LinkRow[]>`
    SELECT id, org_id, reader_id, site_id, purpose, email, return_path FROM reader_email_links
     WHERE token_hash = ${hashSecret(token)} AND purpose = ${purpose}::"EmailLinkPurpose" AND org_id = ${orgId}::uuid
       AND used_at IS NULL AND voided_at IS NULL AND expires_at > now()`;
  return row ? toLink(row) : null;
}

/** Uses a link on a site of `orgId`: at most once, whatever the concurrency (one UPDATE decides). */
export async function consumeEmailLink(tx: Prisma.TransactionClient, token: string, purpose: EmailLinkPurpose, orgId: string): Promise<EmailLink | null> {
  if (!isWellFormedSecret(token)) return null;
  const [row] = await tx.$queryRaw<LinkRow[]>`
    UPDATE reader_email_links SET used_at = now()
     WHERE token_hash = ${hashSecret(token)} AND purpose = ${purpose}::"EmailLinkPurpose" AND org_id = ${orgId}::uuid
       AND used_at IS NULL AND voided_at IS NULL AND expires_at > now()
    RETURNING id, org_id, reader_id, site_id, purpose, email, return_path`;
  return row ? toLink(row) : null;
}

export type CodeOutcome = { ok: true; link: EmailLink } | { ok: false; reason: "wrong_code" | "unusable"; attemptsLeft: number };

/** Uses a sign-in link by its code, typed in the browser that asked for it (which holds `linkId`), on a site of `orgId`. */
export async function consumeEmailLinkByCode(tx: Prisma.TransactionClient, linkId: string, code: string, orgId: string): Promise<CodeOutcome> {
  // The attempt is counted before the code is compared, in the same statement that locks the row.
  const [row] = await tx.$queryRaw<(LinkRow & { code_hash: Uint8Array | null; code_attempts: number })[]>`
    UPDATE reader_email_links SET code_attempts = code_attempts + 1
     WHERE id = ${linkId}::uuid AND purpose = 'sign_in' AND code_hash IS NOT NULL AND org_id = ${orgId}::uuid
       AND used_at IS NULL AND voided_at IS NULL AND expires_at > now()
    RETURNING id, org_id, reader_id, site_id, purpose, email, return_path, code_hash, code_attempts`;
  if (!row?.code_hash) return { ok: false, reason: "unusable", attemptsLeft: 0 };
  const matches = /^\d{6}$/.test(code) && timingSafeEqual(Buffer.from(row.code_hash), Buffer.from(hashCode(row.id, code)));
  if (matches) {
    await tx.$executeRaw`UPDATE reader_email_links SET used_at = now() WHERE id = ${row.id}::uuid`;
    return { ok: true, link: toLink(row) };
  }
  const attemptsLeft = Math.max(0, SIGN_IN_CODE_MAX_ATTEMPTS - row.code_attempts);
  if (attemptsLeft === 0) await tx.$executeRaw`UPDATE reader_email_links SET voided_at = now() WHERE id = ${row.id}::uuid`;
  return { ok: false, reason: attemptsLeft === 0 ? "unusable" : "wrong_code", attemptsLeft };
}

/** Voids a reader's unused links of these purposes (a newer link, a successful sign-in, a new password). */
export async function voidEmailLinks(tx: Prisma.TransactionClient, readerId: string, purposes: EmailLinkPurpose[]): Promise<number> {
  return tx.$executeRaw`
    UPDATE reader_email_links SET voided_at = now()
     WHERE reader_id = ${readerId}::uuid AND purpose = ANY(${purposes}::"EmailLinkPurpose"[])
       AND used_at IS NULL AND voided_at IS NULL`;
}
