// The end of every flow where a mailed link (or its code) proves the mailbox and signs a
// browser in: the address is marked verified (the link reached it), the reader's other unused
// keys are voided (a successful sign-in voids reset links), and this browser's site session is
// signed in and its SSO token authenticated (lib/sso/complete-sign-in.ts), so Auto Login / Opt
// In then apply on the other sites. Recorded as a sign-in like a password's.
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import type { EmailLinkPurpose } from "@/lib/generated/prisma/enums.ts";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { completeSignIn } from "@/lib/sso/complete-sign-in";
import type { SiteContext } from "@/lib/sso/site-context";
import { voidEmailLinks, type EmailLink } from "./email-links";

/**
 * Inside the transaction that used the link: the mailbox is proved — if the link went to the
 * address the account still has (as email-verification.ts rules) — and the other keys die.
 */
export async function acceptMailboxProof(tx: Prisma.TransactionClient, link: Pick<EmailLink, "readerId" | "email">, voidPurposes: EmailLinkPurpose[]): Promise<void> {
  await tx.$executeRaw`
    UPDATE readers SET email_verified_at = COALESCE(email_verified_at, now()), updated_at = now()
     WHERE id = ${link.readerId}::uuid AND email = ${link.email}`;
  await voidEmailLinks(tx, link.readerId, voidPurposes);
}

export async function signInFromMail(options: {
  context: SiteContext;
  readerId: string;
  method: "email_link" | "password_reset";
  ip: string;
  userAgent: string | null;
}): Promise<{ secret: string; sessionId: string }> {
  const signedIn = await completeSignIn({ context: options.context, readerId: options.readerId, method: options.method, userAgent: options.userAgent });
  await recordAuditEvent({ orgId: options.context.site.orgId, type: "auth.signin", readerId: options.readerId, siteId: options.context.site.id, ip: options.ip, data: { method: options.method } });
  return signedIn;
}
