// "Send the confirmation mail again", for a reader whose address is not verified yet: from the
// account page (the reader, throttled per account) and from the console (staff, throttled per
// reader, audited with the staff actor). The mail itself is the registration's
// (sendVerificationMail, lib/account/email-verification.ts): one way to verify an address.
import { z } from "zod";
import { runTransaction } from "@/lib/db/transaction";
import { ApiError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { formatWait } from "@/lib/format/duration-words";
import { consumeRateLimit } from "@/lib/security/rate-limit";
import type { RateLimitRule } from "@/lib/security/rate-limits";
import { loadMailSite } from "./reader-mail";
import { sendVerificationMail } from "./verification-mail";

export const resendVerificationResponseSchema = z.object({ sent: z.literal(true) });

export type ResendActor = { kind: "reader"; ip: string } | { kind: "staff"; staffId: string; ip: string | null };

export async function resendVerification(options: {
  orgId: string;
  siteId: string;
  readerId: string;
  actor: ResendActor;
  budget: { key: string; rule: RateLimitRule };
}): Promise<void> {
  const budget = await consumeRateLimit({ key: options.budget.key, ...options.budget.rule });
  if (!budget.allowed) throw new ApiError("rate_limited", `The confirmation mail was sent several times already. Try again in ${formatWait(budget.retryAfterSeconds)}.`);
  await runTransaction(async (tx) => {
    const reader = await tx.reader.findFirst({ where: { id: options.readerId, orgId: options.orgId }, select: { id: true, email: true, emailVerifiedAt: true } });
    if (!reader) throw new ApiError("not_found", "No such reader in this organisation.");
    if (reader.emailVerifiedAt) throw new ApiError("conflict", "This address is already confirmed.");
    const site = await loadMailSite(tx, options.siteId);
    if (!site || site.orgId !== options.orgId) throw new ApiError("not_found", "No such site in this organisation.");
    await sendVerificationMail(tx, { site, reader });
    await recordAuditEvent(
      {
        orgId: options.orgId,
        type: options.actor.kind === "staff" ? "admin.verification_resent" : "reader.verification_resent",
        actorStaffId: options.actor.kind === "staff" ? options.actor.staffId : null,
        readerId: reader.id,
        siteId: site.id,
        ip: options.actor.ip,
      },
      tx,
    );
  });
}
