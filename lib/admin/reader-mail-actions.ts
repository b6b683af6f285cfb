// The Readers page's mail actions: "Resend verification" and "Send a password-reset link",
// each to land on a site the staff member chooses. Owner/admin only (the route's role), audited
// with the staff actor, throttled per reader so a console slip is not a mail flood.
import { z } from "zod";
import { db } from "@/lib/db/client";
import { ApiError } from "@/lib/errors";
import { resendVerification } from "@/lib/account/resend-verification";
import { sendPasswordResetLink } from "@/lib/account/password-reset-link";
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

export async function staffResendVerification(options: Options): Promise<void> {
  const target = await findTarget(options);
  await resendVerification({
    orgId: options.orgId,
    siteId: target.siteId,
    readerId: target.readerId,
    actor: { kind: "staff", staffId: options.actorStaffId, ip: options.ip },
    budget: { key: `staff-reader-mail:verify:${target.readerId}`, rule: STAFF_READER_MAIL_PER_READER },
  });
}

export async function staffSendPasswordReset(options: Options): Promise<void> {
  const target = await findTarget(options);
  const budget = await consumeRateLimit({ key: `staff-reader-mail:reset:${target.readerId}`, ...STAFF_READER_MAIL_PER_READER });
  if (!budget.allowed) throw new ApiError("rate_limited", `Several reset links were sent to this reader already. Try again in ${formatWait(budget.retryAfterSeconds)}.`);
  await sendPasswordResetLink({ siteId: target.siteId, readerId: target.readerId, actor: { kind: "staff", staffId: options.actorStaffId, ip: options.ip } });
}
