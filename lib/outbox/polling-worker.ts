// The loop shared by the product's outboxes (mail: lib/mail/outbox-worker.ts, webhooks:
// lib/webhooks/delivery-worker.ts). Each pass claims rows with FOR UPDATE SKIP LOCKED for a
// lease and settles them; this file only decides WHEN passes run: at a jittered first poll,
// every `pollMs`, at once again when a pass came back full, and shortly after a writer in this
// instance nudges (its transaction has committed by then). Never two passes at once in one
// instance; never keeps the process alive; a failing pass (the database away) is logged and
// retried at the next poll.

export type RetryPolicy = { baseSeconds: number; maxSeconds: number; maxAttempts: number };

/** Seconds to wait after the `attempts`-th failure: base·2^(attempts−1), capped, ±20 % jitter. */
export function retryDelaySeconds(attempts: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** Math.max(0, attempts - 1));
  return exponential * (0.8 + 0.4 * random());
}

export type PollingWorkerOptions = {
  /** One pass; `full`: it claimed a whole batch, so run again at once. */
  pass: () => Promise<{ full: boolean }>;
  pollMs: number;
  /** Where writers' nudges are registered (the outbox's own rendezvous). */
  setNudge: (handler: (() => void) | null) => void;
  /** Prefix of the log line of a failed pass, e.g. "[mail] outbox pass failed". */
  failureLabel: string;
  log: (line: string) => void;
};

export function describeError(error: unknown, maxLength = 500): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, maxLength);
}

/** Starts the loop; the returned function stops it. */
export function startPollingWorker(options: PollingWorkerOptions): () => void {
  let running = false;
  let again = false;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function schedule(ms: number): void {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void pass(), ms);
    timer.unref();
  }

  async function pass(): Promise<void> {
    if (running) {
      again = true;
      return;
    }
    running = true;
    let full = false;
    try {
      full = (await options.pass()).full;
    } catch (error) {
      options.log(`${options.failureLabel}: ${describeError(error)}`);
    } finally {
      running = false;
    }
    const more = again || full;
    again = false;
    schedule(more ? 0 : options.pollMs);
  }

  options.setNudge(() => schedule(100));
  schedule(Math.floor(Math.random() * options.pollMs));
  return () => {
    stopped = true;
    clearTimeout(timer);
    options.setNudge(null);
  };
}
