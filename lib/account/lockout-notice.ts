// The lockout notice of the sign-in throttle (lib/auth/sign-in-throttle.ts), by mail: when
// wrong passwords lock an account (from one address, or from everywhere), its owner hears of it
// once per lockout window (a rate-limit key per account), with a way to reset the password.
// Only ever to an address that has an account: the caller passes a reader, never a typed email.
// The mail's button opens the site's "Forgot password?" page rather than carrying a reset key:
// whoever triggered the lockout chose when this mail goes out, so it must not also void the
// reset link the owner may be using right now.
import { runTransaction } from "@/lib/db/transaction";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { readerMessages } from "@/lib/mail/messages";
import { consumeRateLimit } from "@/lib/security/rate-limit";
import { LOCKOUT_MAIL_PER_ACCOUNT } from "@/lib/security/rate-limits";
import { loadMailSite, sendReaderMail, siteLink } from "./reader-mail";
import { FORGOT_PASSWORD_PATH } from "./password-reset";

export async function mailLockoutNotice(options: { siteId: string; reader: { id: string; email: string }; windowSeconds: number; ip: string }): Promise<boolean> {
  const budget = await consumeRateLimit({ key: `lockout-mail:reader:${options.reader.id}`, ...LOCKOUT_MAIL_PER_ACCOUNT });
  if (!budget.allowed) return false;
  const orgId = await runTransaction(async (tx) => {
    const site = await loadMailSite(tx, options.siteId);
    if (!site) return null;
    const content = readerMessages.lockedOut(site, siteLink(site, FORGOT_PASSWORD_PATH), options.windowSeconds);
    await sendReaderMail(tx, { site, to: options.reader.email, kind: "reader.locked_out", content });
    return site.orgId;
  });
  if (orgId) await recordAuditEvent({ orgId, type: "reader.lockout_mailed", readerId: options.reader.id, siteId: options.siteId, ip: options.ip });
  return orgId !== null;
}
