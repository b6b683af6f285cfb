// Writing mail: a message joins the outbox in the same transaction as the change that causes
// it (a registration, a reset request), so it is sent exactly when that change commits and is
// never lost when SMTP is slow or down. Sending is the worker's job (outbox-worker.ts).
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import { env } from "@/lib/env";
import { sealMailBody, type MailBody } from "./seal";
import { nudgeOutboxWorker } from "./outbox-worker-nudge";

export type OutgoingMail = {
  orgId: string;
  /** The site the reader was on: its From and its brand. */
  siteId?: string | null;
  /** What the message is for (reader.verify_email, reader.password_reset…): shown to admins. */
  kind: string;
  to: string;
  subject: string;
  body: MailBody;
};

/** The From of a message: the site's own, else the organisation's, else MAIL_FROM. */
export async function resolveMailFrom(tx: Prisma.TransactionClient, orgId: string, siteId?: string | null): Promise<string> {
  const [site, org] = await Promise.all([
    siteId ? tx.site.findFirst({ where: { id: siteId, orgId }, select: { mailFrom: true } }) : null,
    tx.organization.findUnique({ where: { id: orgId }, select: { mailFrom: true } }),
  ]);
  return site?.mailFrom ?? org?.mailFrom ?? env.MAIL_FROM;
}

/** Adds a message to the outbox inside `tx`; returns its id (also its Message-ID's local part). */
export async function enqueueMail(tx: Prisma.TransactionClient, mail: OutgoingMail): Promise<string> {
  const fromAddress = await resolveMailFrom(tx, mail.orgId, mail.siteId);
  const row = await tx.outboxMail.create({
    data: {
      orgId: mail.orgId,
      siteId: mail.siteId ?? null,
      kind: mail.kind,
      toAddress: mail.to,
      fromAddress,
      subject: mail.subject,
      sealedBody: sealMailBody(mail.body),
    },
    select: { id: true },
  });
  // Most messages are written by the instance that will send them: look again shortly (after
  // the caller's transaction has committed) instead of at the next poll.
  nudgeOutboxWorker();
  return row.id;
}
