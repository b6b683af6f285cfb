// Sending the outbox. Every instance runs a worker (instrumentation.ts); they share the table
// safely because a message is claimed with FOR UPDATE SKIP LOCKED for a lease, sent with no
// transaction or row lock held (SMTP may be slow), then settled: sent (the body erased),
// back to pending after a jittered exponential backoff, or dead (a permanent refusal, a body
// that cannot be opened, or out of attempts) where admins see it and can retry it.
//
// Delivery is at least once: an instance that dies between the SMTP server's "250 OK" and the
// settling UPDATE leaves the message claimed, and it is sent again when the lease runs out.
// Its Message-ID (<outbox id@multisite-sso>) stays the same, so receivers can tell.
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { openMailBody } from "./seal";
import { isPermanentSmtpFailure, type SendMail } from "./transport";
import { setOutboxWorkerNudge } from "./outbox-worker-nudge";
import { claimDueRows } from "@/lib/outbox/claim-due";
import { describeError as describeAnyError, retryDelaySeconds, startPollingWorker, type RetryPolicy } from "@/lib/outbox/polling-worker";

export { retryDelaySeconds, type RetryPolicy };

/** Longer than the transport's timeouts put together (transport.ts), with room to spare. */
const LEASE_SECONDS = 300;
const BATCH = 10;
const MAX_ERROR_LENGTH = 500;

export function defaultRetryPolicy(): RetryPolicy {
  return { baseSeconds: env.MAIL_RETRY_BASE_SECONDS, maxSeconds: env.MAIL_RETRY_MAX_SECONDS, maxAttempts: env.MAIL_MAX_ATTEMPTS };
}

type ClaimedMail = { id: string; to_address: string; from_address: string; subject: string; sealed_body: Uint8Array | null; attempts: number };

export type DeliveryCounts = { claimed: number; sent: number; retried: number; dead: number };

async function claimDueMail(limit: number, orgId: string | null): Promise<ClaimedMail[]> {
  return claimDueRows<ClaimedMail>({ table: "mail_outbox", leaseSeconds: LEASE_SECONDS, limit, orgId, returning: "id, to_address, from_address, subject, sealed_body, attempts" });
}

function describeError(error: unknown): string {
  return describeAnyError(error, MAX_ERROR_LENGTH);
}

async function settle(mail: ClaimedMail, outcome: "sent" | { error: string; dead: boolean; retryInSeconds: number }): Promise<void> {
  // `AND state = 'sending'`: an admin may have acted on the row meanwhile; never undo that.
  if (outcome === "sent") {
    await db.$executeRaw`
      UPDATE mail_outbox SET state = 'sent', sent_at = now(), sealed_body = NULL, locked_until = NULL, last_error = NULL
       WHERE id = ${mail.id}::uuid AND state = 'sending'`;
  } else if (outcome.dead) {
    await db.$executeRaw`
      UPDATE mail_outbox SET state = 'dead', locked_until = NULL, last_error = ${outcome.error}
       WHERE id = ${mail.id}::uuid AND state = 'sending'`;
  } else {
    await db.$executeRaw`
      UPDATE mail_outbox SET state = 'pending', locked_until = NULL, last_error = ${outcome.error},
             next_attempt_at = now() + make_interval(secs => ${outcome.retryInSeconds})
       WHERE id = ${mail.id}::uuid AND state = 'sending'`;
  }
}

async function deliverOne(mail: ClaimedMail, send: SendMail, policy: RetryPolicy): Promise<keyof Omit<DeliveryCounts, "claimed">> {
  const body = mail.sealed_body ? openMailBody(mail.sealed_body) : null;
  if (!body) {
    await settle(mail, { error: "the body cannot be opened (sealed under another AUTH_SECRET?)", dead: true, retryInSeconds: 0 });
    return "dead";
  }
  try {
    await send({ messageId: `<${mail.id}@multisite-sso>`, from: mail.from_address, to: mail.to_address, subject: mail.subject, ...body });
    await settle(mail, "sent");
    return "sent";
  } catch (error) {
    const dead = isPermanentSmtpFailure(error) || mail.attempts >= policy.maxAttempts;
    await settle(mail, { error: describeError(error), dead, retryInSeconds: retryDelaySeconds(mail.attempts, policy) });
    return dead ? "dead" : "retried";
  }
}

/**
 * One pass: claims up to `limit` due messages and settles each. `orgId` narrows the pass to one
 * organisation's mail (tests, which share the database with a running server's own worker).
 */
export async function deliverDueMail(options: { send: SendMail; policy?: RetryPolicy; limit?: number; orgId?: string }): Promise<DeliveryCounts> {
  const policy = options.policy ?? defaultRetryPolicy();
  const claimed = await claimDueMail(options.limit ?? BATCH, options.orgId ?? null);
  const counts: DeliveryCounts = { claimed: claimed.length, sent: 0, retried: 0, dead: 0 };
  // Concurrently: one slow recipient server must not hold the rest of the batch past the lease.
  const outcomes = await Promise.all(claimed.map((mail) => deliverOne(mail, options.send, policy)));
  for (const outcome of outcomes) counts[outcome] += 1;
  return counts;
}

export type OutboxWorkerOptions = { send: SendMail; pollMs: number; policy?: RetryPolicy; log?: (line: string) => void };

/** Starts this instance's worker; the returned function stops it. Never keeps the process alive. */
export function startOutboxWorker(options: OutboxWorkerOptions): () => void {
  const log = options.log ?? ((line: string) => console.error(line));
  return startPollingWorker({
    pollMs: options.pollMs,
    setNudge: setOutboxWorkerNudge,
    failureLabel: "[mail] outbox pass failed",
    log,
    pass: async () => {
      const counts = await deliverDueMail({ send: options.send, policy: options.policy });
      if (counts.retried + counts.dead > 0) log(`[mail] sent=${counts.sent} retried=${counts.retried} dead=${counts.dead}`);
      return { full: counts.claimed === BATCH };
    },
  });
}
