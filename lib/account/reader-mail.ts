// Mail to a reader, on behalf of one site: its brand, its From, and links to its own pages.
// Links are built from the site's REGISTERED address (the origin of its callback URL), never
// from the request's Host: a reset link must not point wherever a crafted request says.
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import { enqueueMail } from "@/lib/mail/outbox";
import type { MailContent } from "@/lib/mail/messages";
import { renderMail } from "@/lib/mail/render-mail";

export type MailSite = { id: string; orgId: string; name: string; themeColor: string; logoText: string; callbackUrl: string };

export async function loadMailSite(tx: Prisma.TransactionClient, siteId: string): Promise<MailSite | null> {
  return tx.site.findUnique({ where: { id: siteId }, select: { id: true, orgId: true, name: true, themeColor: true, logoText: true, callbackUrl: true } });
}

/** An absolute URL of a page of `site` (path plus query), on the site's registered origin. */
export function siteLink(site: Pick<MailSite, "callbackUrl">, path: string, query: Record<string, string> = {}): string {
  const url = new URL(path, new URL(site.callbackUrl).origin);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url.toString();
}

/** Writes the message to the outbox inside `tx` (sent once `tx` commits). */
export async function sendReaderMail(tx: Prisma.TransactionClient, options: { site: MailSite; to: string; kind: string; content: MailContent }): Promise<string> {
  const { site } = options;
  return enqueueMail(tx, {
    orgId: site.orgId,
    siteId: site.id,
    kind: options.kind,
    to: options.to,
    subject: options.content.subject,
    body: renderMail(options.content, { siteName: site.name, themeColor: site.themeColor, logoText: site.logoText }),
  });
}
