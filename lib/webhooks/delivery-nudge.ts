// The webhook worker's rendezvous with writers (as lib/mail/outbox-worker-nudge.ts is the mail
// worker's): recordAuditEvent nudges it without importing the worker and its HTTP client.
let nudge: (() => void) | null = null;

export function setWebhookWorkerNudge(handler: (() => void) | null): void {
  nudge = handler;
}

export function nudgeWebhookWorker(): void {
  nudge?.();
}
