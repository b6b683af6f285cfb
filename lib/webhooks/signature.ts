// Webhook signatures, on the Standard Webhooks scheme (what Svix sends; Stripe's is the same
// idea): the receiver gets `webhook-id`, `webhook-timestamp` (Unix seconds) and
// `webhook-signature: v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`, where key is
// the bytes after `whsec_` of the secret shown once in the console. Signing the timestamp and
// id with the body lets a receiver refuse replays (a timestamp older than its tolerance, an id
// seen before). README, "Webhooks", shows the check in a few lines; verifyWebhookSignature is
// that check, used by the tests as a receiver would.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const WEBHOOK_SECRET_PREFIX = "whsec_";

export function generateWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString("base64")}`;
}

function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret.slice(WEBHOOK_SECRET_PREFIX.length) : secret, "base64");
}

export function signWebhook(options: { secret: string; id: string; timestamp: number; body: string }): string {
  const mac = createHmac("sha256", keyOf(options.secret)).update(`${options.id}.${options.timestamp}.${options.body}`, "utf8").digest("base64");
  return `v1,${mac}`;
}

/** A receiver's check: the signature matches (constant time) and the timestamp is within `toleranceSeconds` of `nowSeconds`. */
export function verifyWebhookSignature(options: {
  secret: string;
  headers: { id: string | undefined; timestamp: string | undefined; signature: string | undefined };
  body: string;
  nowSeconds: number;
  toleranceSeconds?: number;
}): boolean {
  const { id, timestamp, signature } = options.headers;
  if (!id || !timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(options.nowSeconds - Number(timestamp)) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook({ secret: options.secret, id, timestamp: Number(timestamp), body: options.body }));
  // The header may carry several space-separated signatures (during a secret rotation).
  return signature.split(" ").some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
