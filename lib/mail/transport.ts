// The one SMTP transport of the process (nodemailer), built from SMTP_URL. Every wait is
// bounded, so a slow or silent SMTP server costs a message one attempt, never a stuck worker:
// a claimed message must be settled well inside the worker's lease (outbox-worker.ts).
import nodemailer, { type Transporter } from "nodemailer";
import SMTPTransport from "nodemailer/lib/smtp-transport";

export const SMTP_TIMEOUTS_MS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as const;

export type SmtpMessage = { messageId: string; from: string; to: string; subject: string; text: string; html: string };
export type SendMail = (message: SmtpMessage) => Promise<void>;

export function createSmtpSender(smtpUrl: string): { send: SendMail; close: () => void } {
  const transporter: Transporter = nodemailer.createTransport(new SMTPTransport({ url: smtpUrl, ...SMTP_TIMEOUTS_MS }));
  return {
    send: async (message) => {
      await transporter.sendMail({ ...message, messageId: message.messageId });
    },
    close: () => transporter.close(),
  };
}

/** An SMTP answer in the 5xx range is final (no such mailbox, refused): retrying cannot help. */
export function isPermanentSmtpFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}
