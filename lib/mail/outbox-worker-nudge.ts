// A tiny rendezvous between writers and this instance's worker, without importing the worker
// (and its SMTP transport) into every module that writes mail.
let nudge: (() => void) | null = null;

export function setOutboxWorkerNudge(handler: (() => void) | null): void {
  nudge = handler;
}

export function nudgeOutboxWorker(): void {
  nudge?.();
}
