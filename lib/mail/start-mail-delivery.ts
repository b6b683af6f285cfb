// Each instance's outbox worker, started once at boot (instrumentation.ts). Without SMTP_URL
// nothing is sent and the server says so once: mail waits in the outbox, it is not dropped.
import { env } from "@/lib/env";
import { startOutboxWorker } from "./outbox-worker";
import { createSmtpSender } from "./transport";

export function startMailDelivery(): () => void {
  if (!env.SMTP_URL) {
    console.error("[mail] SMTP_URL is not set: mail waits in the outbox until it is (README, \"Mail\")");
    return () => {};
  }
  const smtp = createSmtpSender(env.SMTP_URL);
  const stop = startOutboxWorker({ send: smtp.send, pollMs: env.MAIL_POLL_MS });
  return () => {
    stop();
    smtp.close();
  };
}
