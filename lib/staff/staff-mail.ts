// Mail to staff (an invitation, a password-reset link): the same outbox, renderer and sealing
// as readers' mail (lib/mail/outbox.ts enqueueMail, inside the transaction of the change that
// causes it), in the console's name rather than a site's. Sentences kept together, in the
// style of lib/mail/messages.ts.
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import { enqueueMail } from "@/lib/mail/outbox";
import { renderMail } from "@/lib/mail/render-mail";
import type { MailContent } from "@/lib/mail/messages";
import { formatWait } from "@/lib/format/duration-words";
import { roleLabels, type StaffRole } from "@/lib/admin/roles";

export const staffMessages = {
  invitation: (options: { orgName: string; inviterName: string; role: StaffRole; url: string; expiresInSeconds: number }): MailContent => ({
    subject: `You are invited to the ${options.orgName} admin console`,
    heading: `Join ${options.orgName} on the admin console`,
    paragraphs: [
      `${options.inviterName} invited you to the staff of ${options.orgName}, as ${roleLabels[options.role]}.`,
      `The link works once, for ${formatWait(options.expiresInSeconds)}.`,
    ],
    action: { label: "Accept the invitation", url: options.url },
    footer: "If you did not expect this, ignore this mail: nothing happens unless the link is used.",
  }),
  passwordReset: (options: { url: string; expiresInSeconds: number }): MailContent => ({
    subject: "Reset your admin console password",
    heading: "Reset your password",
    paragraphs: [
      `Use the button to choose a new password for the admin console. The link works once, for ${formatWait(options.expiresInSeconds)}.`,
      "Setting a new password signs you out everywhere. If you use an authenticator app, you still need it to sign in.",
    ],
    action: { label: "Choose a new password", url: options.url },
    footer: "If you did not ask for this, ignore this mail: your password stays as it is.",
  }),
};

export async function sendStaffMail(tx: Prisma.TransactionClient, options: { orgId: string; orgName: string; to: string; kind: string; content: MailContent }): Promise<string> {
  const body = renderMail(options.content, { siteName: `${options.orgName} · admin console`, themeColor: "#1f4e8c", logoText: options.orgName });
  return enqueueMail(tx, { orgId: options.orgId, kind: options.kind, to: options.to, subject: options.content.subject, body });
}
