// The Readers page's mail actions: "Resend verification" and "Send a password-reset link",
// each to land on a site the staff member chooses. Owner/admin only (the route's role), audited
// with the staff actor, throttled per reader so a console slip is not a mail flood. Unlike the
// reader's own "send again" (which answers alike whatever happened), staff are told plainly
// when the address is already confirmed or the budget is spent.
import { z } from "zod";
import { db } from "@/lib/db/client";
import { runTransaction } from "@/lib/db/transaction";
import { ApiError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { sendVerificationMail } from "@/lib/account/email-verification";
import { sendPasswordResetLink } from "@/lib/account/password-reset";
import { loadMailSite } from "@/lib/account/reader-mail";
import { consumeRateLimit } from "@/lib/security/rate-limit";
import { STAFF_READER_MAIL_PER_READER } from "@/lib/security/rate-limits";
import { formatWait } from "@/lib/format/duration-words";

export const readerMailBodySchema = z.strictObject({ siteSlug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "siteSlug must be a site's slug").meta({ description: "The site the link lands on." }) });
export const readerMailResponseSchema = z.object({ sent: z.literal(true) });

type Options = { orgId: string; readerId: string; siteSlug: string; actorStaffId: string; ip: string | null };

async function findTarget(options: Options): Promise<{ readerId: string; siteId: string }> {
  const readerId = z.uuid().safeParse(options.readerId);
  const [reader, site] = await Promise.all([
    readerId.success ? db.reader.findFirst({ where: { id: readerId.data, orgId: options.orgId }, select: { id: true } }) : null,
    db.site.findFirst({ where: { orgId: options.orgId, slug: options.siteSlug }, select: { id: true } }),
  ]);
  if (!reader) throw new ApiError("not_found", "No such reader in this organisation.");
  if (!site) throw new ApiError("not_found", "No such site in this organisation.");
  return { readerId: reader.id, siteId: site.id };
}

async function spendBudget(kind: "verify", readerId: string): Promise<void> {
  const budget = await consumeRateLimit({ key: `staff-reader-mail:${kind}:${readerId}`, ...STAFF_READER_MAIL_PER_READER });
  if (!budget.allowed) throw new ApiError("rate_limited", `Several of these were sent to this reader already. Try again in ${formatWait(budget.retryAfterSeconds)}.`);
}

export async function staffResendVerification(options: Options): Promise<void> {
  const target = await findTarget(options);
  await spendBudget("verify", target.readerId);
  await runTransaction(async (tx) => {
    const reader = await tx.reader.findUniqueOrThrow({ where: { id: target.readerId }, select: { id: true, orgId: true, email: true, emailVerifiedAt: true } });
    if (reader.emailVerifiedAt) throw new ApiError("conflict", "This reader's address is already confirmed.");
    const site = await loadMailSite(tx, target.siteId);
    if (!site) throw new ApiError("not_found", "No such site in this organisation.");
    await sendVerificationMail(tx, { site, reader });
    await recordAuditEvent({ orgId: options.orgId, type: "admin.verification_resent", actorStaffId: options.actorStaffId, readerId: reader.id, siteId: site.id, ip: options.ip }, tx);
  });
}

export async function staffSendPasswordReset(options: Options): Promise<void> {
  const target = await findTarget(options);
  // The verb keeps its own per-account budget and audit row (with the staff actor).
  await sendPasswordResetLink({ siteId: target.siteId, readerId: target.readerId, actor: { orgId: options.orgId, actorStaffId: options.actorStaffId, ip: options.ip } });
}
