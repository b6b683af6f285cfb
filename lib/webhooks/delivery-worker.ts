// Sending the webhook outbox: the mail outbox's life cycle (lib/mail/outbox-worker.ts) for
// HTTP. A delivery is claimed with FOR UPDATE SKIP LOCKED for a lease, POSTed with no lock
// held, then settled: sent (a 2xx), back to pending after a jittered exponential backoff (any
// other answer, a timeout, a refused address), or dead after MAIL_MAX_ATTEMPTS (webhooks
// follow the mail outbox's retry settings). At least once: the same `webhook-id` on every
// attempt lets receivers drop duplicates. Redirects are not followed (a 3xx is a failure):
// following one would skip the address check.
import http from "node:http";
import https from "node:https";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { openSealedText } from "@/lib/mail/seal";
import { claimDueRows } from "@/lib/outbox/claim-due";
import { describeError, retryDelaySeconds, startPollingWorker, type RetryPolicy } from "@/lib/outbox/polling-worker";
import { setWebhookWorkerNudge } from "./delivery-nudge";
import { signWebhook } from "./signature";
import { publicOnlyLookup, webhookUrlProblem } from "./webhook-url";
import { WEBHOOK_SECRET_LABEL } from "./webhooks";

const LEASE_SECONDS = 60;
const TIMEOUT_MS = 10_000;
const BATCH = 10;
const MAX_ERROR_LENGTH = 500;

export function defaultWebhookRetryPolicy(): RetryPolicy {
  return { baseSeconds: env.MAIL_RETRY_BASE_SECONDS, maxSeconds: env.MAIL_RETRY_MAX_SECONDS, maxAttempts: env.MAIL_MAX_ATTEMPTS };
}

type ClaimedDelivery = { id: string; url: string; sealed_secret: Uint8Array; payload: unknown; attempts: number; now_seconds: number };

export type WebhookDeliveryCounts = { claimed: number; sent: number; retried: number; dead: number };

async function claimDue(limit: number, orgId: string | null): Promise<ClaimedDelivery[]> {
  const claimed = await claimDueRows<{ id: string; webhook_id: string; payload: unknown; attempts: number }>({
    table: "webhook_deliveries",
    leaseSeconds: LEASE_SECONDS,
    limit,
    orgId,
    returning: "id::text AS id, webhook_id::text AS webhook_id, payload, attempts",
  });
  if (claimed.length === 0) return [];
  const webhooks = await db.$queryRaw<{ id: string; url: string; sealed_secret: Uint8Array; now_seconds: number }[]>`
    SELECT id::text AS id, url, sealed_secret, floor(extract(epoch FROM now()))::int AS now_seconds
      FROM webhooks WHERE id = ANY(${claimed.map((c) => c.webhook_id)}::uuid[])`;
  const byId = new Map(webhooks.map((w) => [w.id, w]));
  // The signed timestamp is the database's clock, like every other time the product keeps.
  return claimed.flatMap((c) => {
    const webhook = byId.get(c.webhook_id);
    return webhook ? [{ id: c.id, url: webhook.url, sealed_secret: webhook.sealed_secret, payload: c.payload, attempts: c.attempts, now_seconds: webhook.now_seconds }] : [];
  });
}

async function settle(id: string, outcome: { sent: true; status: number } | { sent: false; status: number | null; error: string; dead: boolean; retryInSeconds: number }): Promise<void> {
  if (outcome.sent) {
    await db.$executeRaw`
      UPDATE webhook_deliveries SET state = 'sent', delivered_at = now(), locked_until = NULL, last_error = NULL, last_status = ${outcome.status}
       WHERE id = ${id}::uuid AND state = 'sending'`;
  } else {
    await db.$executeRaw`
      UPDATE webhook_deliveries
         SET state = CASE WHEN ${outcome.dead} THEN 'dead'::"MailState" ELSE 'pending'::"MailState" END,
             locked_until = NULL, last_error = ${outcome.error}, last_status = ${outcome.status},
             next_attempt_at = CASE WHEN ${outcome.dead} THEN next_attempt_at ELSE now() + make_interval(secs => ${outcome.retryInSeconds}) END
       WHERE id = ${id}::uuid AND state = 'sending'`;
  }
}

export type PostResult = { status: number };
export type PostWebhook = (request: { url: string; headers: Record<string, string>; body: string }) => Promise<PostResult>;

/** POSTs with the address check as the socket's lookup, a timeout, and no redirects. */
export const postWebhook: PostWebhook = ({ url, headers, body }) =>
  new Promise((resolve, reject) => {
    const target = new URL(url);
    const client = target.protocol === "https:" ? https : http;
    const request = client.request(
      target,
      { method: "POST", headers: { ...headers, "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) }, lookup: publicOnlyLookup(), timeout: TIMEOUT_MS },
      (response) => {
        response.resume();
        response.on("end", () => resolve({ status: response.statusCode ?? 0 }));
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
    request.on("error", reject);
    request.end(body);
  });

async function deliverOne(delivery: ClaimedDelivery, post: PostWebhook, policy: RetryPolicy): Promise<keyof Omit<WebhookDeliveryCounts, "claimed">> {
  const fail = async (error: string, status: number | null, permanent = false) => {
    const dead = permanent || delivery.attempts >= policy.maxAttempts;
    await settle(delivery.id, { sent: false, status, error: error.slice(0, MAX_ERROR_LENGTH), dead, retryInSeconds: retryDelaySeconds(delivery.attempts, policy) });
    return dead ? "dead" : "retried";
  };
  const secret = openSealedText(delivery.sealed_secret, WEBHOOK_SECRET_LABEL);
  if (secret === null) return fail("the signing secret cannot be opened (sealed under another AUTH_SECRET?)", null, true);
  // Checked again at every delivery: the rules (or the allow-list) may have changed since it was saved.
  const problem = webhookUrlProblem(delivery.url);
  if (problem) return fail(`refused: ${problem}`, null, true);
  const body = JSON.stringify(delivery.payload);
  const timestamp = delivery.now_seconds;
  try {
    const { status } = await post({
      url: delivery.url,
      body,
      headers: {
        "user-agent": "multisite-sso-webhooks/1",
        "webhook-id": delivery.id,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": signWebhook({ secret, id: delivery.id, timestamp, body }),
      },
    });
    if (status >= 200 && status < 300) {
      await settle(delivery.id, { sent: true, status });
      return "sent";
    }
    return fail(`the receiver answered ${status}`, status);
  } catch (error) {
    return fail(describeError(error, MAX_ERROR_LENGTH), null);
  }
}

/** One pass: claims up to `limit` due deliveries (of one organisation, for tests) and settles each. */
export async function deliverDueWebhooks(options: { post?: PostWebhook; policy?: RetryPolicy; limit?: number; orgId?: string } = {}): Promise<WebhookDeliveryCounts> {
  const policy = options.policy ?? defaultWebhookRetryPolicy();
  const claimed = await claimDue(options.limit ?? BATCH, options.orgId ?? null);
  const counts: WebhookDeliveryCounts = { claimed: claimed.length, sent: 0, retried: 0, dead: 0 };
  const outcomes = await Promise.all(claimed.map((d) => deliverOne(d, options.post ?? postWebhook, policy)));
  for (const outcome of outcomes) counts[outcome] += 1;
  return counts;
}

/** This instance's webhook worker (instrumentation.ts); the returned function stops it. */
export function startWebhookDelivery(options: { pollMs: number; log?: (line: string) => void }): () => void {
  const log = options.log ?? ((line: string) => console.error(line));
  return startPollingWorker({
    pollMs: options.pollMs,
    setNudge: setWebhookWorkerNudge,
    failureLabel: "[webhooks] delivery pass failed",
    log,
    pass: async () => {
      const counts = await deliverDueWebhooks();
      if (counts.retried + counts.dead > 0) log(`[webhooks] sent=${counts.sent} retried=${counts.retried} dead=${counts.dead}`);
      return { full: counts.claimed === BATCH };
    },
  });
}
