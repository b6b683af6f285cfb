// TODO(issue 16, coordinator's merge): replace this file's body with
//   export { sendVerificationMail } from "./email-verification";
// The registration's verification mail lives in lib/account/email-verification.ts (built on
// another branch, same signature). Until that merge this stand-in issues the same link and mail
// so the account page's and the console's "resend" can be built and tested.
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import { readerMessages } from "@/lib/mail/messages";
import { issueEmailLink } from "./email-links";
import { sendReaderMail, siteLink, type MailSite } from "./reader-mail";

export async function sendVerificationMail(tx: Prisma.TransactionClient, options: { site: MailSite; reader: { id: string; email: string } }): Promise<void> {
  const { site, reader } = options;
  const link = await issueEmailLink(tx, { orgId: site.orgId, readerId: reader.id, siteId: site.id, purpose: "verify_email", email: reader.email });
  const url = siteLink(site, "/verify-email", { token: link.token });
  await sendReaderMail(tx, { site, to: reader.email, kind: "reader.verify_email", content: readerMessages.verifyEmail(site, url, link.expiresInSeconds) });
}
