// Fixed-window rate limits kept in Postgres (`rate_limit_buckets`), so every app instance
// counts against the same bucket (design §7, §8). Times come from the database clock, never
// from an instance's clock, so instances with skewed clocks still agree on the window. Every
// handshake counts against these, so the two statements are prepared (lib/db/prepared.ts).
import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import { preparedStatement, queryPrepared } from "@/lib/db/prepared";
import { rateLimitSubject } from "@/lib/http/ip-address";

export type RateLimitOptions = {
  /**
   * e.g. `ott-fail:ip:1.2.3.4`. Never a secret: keys are stored in clear and may be logged. A
   * client address is the key's last part, after `:ip:` (bucketKey counts IPv6 per /64).
   */
  key: string;
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
};

export type RateLimitResult = {
  allowed: boolean;
  /** Requests still allowed in the current window. */
  remaining: number;
  /** Requests counted in the current window (including this one, for consume). */
  count: number;
  /** 0 when allowed; otherwise whole seconds until the window ends (at least 1). */
  retryAfterSeconds: number;
};

type BucketRow = { count: number; expires_at: Date; now: Date };

// Keeps `count + 1` inside int4 however long a flood lasts within one window.
const COUNT_CEILING = 2_000_000_000;
const MAX_KEY_LENGTH = 256;

const IP_PART = /^(.+:ip:)(.+)$/;

/**
 * The stored key of a bucket — the one key function every count, peek and reset goes through:
 * - a client address after `:ip:` is counted as lib/http/ip-address.ts's rateLimitSubject (an
 *   IPv6 client by its /64, which it usually holds whole; IPv4 as it is);
 * - a key longer than the column (256) is replaced by its digest, so a key built from client
 *   input (an email, a name) can never make the insert fail with a 500. The digest keeps the
 *   key's first part (what is counted), so buckets stay readable.
 */
export function bucketKey(key: string): string {
  const ip = IP_PART.exec(key);
  const subject = ip?.[1] && ip[2] ? `${ip[1]}${rateLimitSubject(ip[2])}` : key;
  if (subject.length <= MAX_KEY_LENGTH) return subject;
  const kind = /^[a-z0-9-]{1,40}/.exec(subject)?.[0] ?? "key";
  return `${kind}:sha256:${createHash("sha256").update(subject).digest("base64url")}`;
}

function assertOptions(options: RateLimitOptions): void {
  if (options.key.length === 0) throw new Error("rate limit key must not be empty");
  if (!Number.isInteger(options.limit) || options.limit < 1) throw new Error("rate limit must be an integer >= 1");
  if (!Number.isInteger(options.windowSeconds) || options.windowSeconds < 1) {
    throw new Error("rate limit window must be a whole number of seconds >= 1");
  }
}

/** `counted`: whether `row.count` includes the request being decided (consume) or not (peek). */
function toResult(row: BucketRow | undefined, limit: number, counted: boolean): RateLimitResult {
  if (!row) return { allowed: true, remaining: limit, count: 0, retryAfterSeconds: 0 };
  const allowed = counted ? row.count <= limit : row.count < limit;
  const retryAfterSeconds = allowed
    ? 0
    : Math.max(1, Math.ceil((row.expires_at.getTime() - row.now.getTime()) / 1000));
  return { allowed, remaining: Math.max(0, limit - row.count), count: row.count, retryAfterSeconds };
}

/** Counting one request: $1 key, $2 window (s), $3 count ceiling; returns count, expires_at, now. */
const CONSUME_SQL = `INSERT INTO rate_limit_buckets AS b (key, count, window_start, expires_at)
   VALUES ($1, 1, now(), now() + make_interval(secs => $2::int))
   ON CONFLICT (key) DO UPDATE SET
     count = CASE
       WHEN b.window_start + make_interval(secs => $2::int) <= now() THEN 1
       ELSE LEAST(b.count, $3::int) + 1
     END,
     window_start = CASE
       WHEN b.window_start + make_interval(secs => $2::int) <= now() THEN now()
       ELSE b.window_start
     END,
     expires_at = CASE
       WHEN b.window_start + make_interval(secs => $2::int) <= now() THEN now() + make_interval(secs => $2::int)
       ELSE b.window_start + make_interval(secs => $2::int)
     END
   RETURNING b.count, b.expires_at, now() AS now`;

const CONSUME = preparedStatement("consume_rate_limit", CONSUME_SQL);

/** Looking without counting: $1 key, $2 window (s). */
const peekSql = (key: string, window: string) => `SELECT count, window_start + make_interval(secs => ${window}::int) AS expires_at, now() AS now
     FROM rate_limit_buckets
    WHERE key = ${key} AND window_start + make_interval(secs => ${window}::int) > now()`;

const PEEK = preparedStatement("peek_rate_limit", peekSql("$1", "$2"));

// Both in one round trip, for the handshake (lib/sso/mint-one-time-token.ts): counts one request
// against the first key ($1–$3 as CONSUME) and looks at the second ($4 key, $5 window).
const CONSUME_AND_PEEK = preparedStatement(
  "consume_and_peek_rate_limits",
  `WITH consumed AS (${CONSUME_SQL}),
        peeked AS (${peekSql("$4", "$5")})
   SELECT 'consumed' AS which, count, expires_at, now FROM consumed
   UNION ALL
   SELECT 'peeked' AS which, count, expires_at, now FROM peeked`,
);

/**
 * Counts one request against `key` and says whether it is within the limit.
 * One statement: the row lock taken by ON CONFLICT serialises concurrent requests, so however
 * many instances race, exactly `limit` requests per window are allowed.
 */
export async function consumeRateLimit(options: RateLimitOptions): Promise<RateLimitResult> {
  assertOptions(options);
  const { limit, windowSeconds } = options;
  const rows = await queryPrepared<BucketRow>(CONSUME, [bucketKey(options.key), windowSeconds, COUNT_CEILING]);
  return toResult(rows[0], limit, true);
}

/**
 * Whether the next `consumeRateLimit` with these options would be allowed, without counting
 * anything: for "is this IP already locked out?" before doing expensive work such as argon2.
 */
export async function peekRateLimit(options: RateLimitOptions): Promise<RateLimitResult> {
  assertOptions(options);
  const { limit, windowSeconds } = options;
  const rows = await queryPrepared<BucketRow>(PEEK, [bucketKey(options.key), windowSeconds]);
  return toResult(rows[0], limit, false);
}

/**
 * consumeRateLimit(`consume`) and peekRateLimit(`peek`) in one round trip (two different keys;
 * the peek sees its bucket as it was before this statement).
 */
export async function consumeAndPeekRateLimits(consume: RateLimitOptions, peek: RateLimitOptions): Promise<[consumed: RateLimitResult, peeked: RateLimitResult]> {
  assertOptions(consume);
  assertOptions(peek);
  const rows = await queryPrepared<BucketRow & { which: "consumed" | "peeked" }>(CONSUME_AND_PEEK, [
    bucketKey(consume.key), consume.windowSeconds, COUNT_CEILING, bucketKey(peek.key), peek.windowSeconds,
  ]);
  return [
    toResult(rows.find((row) => row.which === "consumed"), consume.limit, true),
    toResult(rows.find((row) => row.which === "peeked"), peek.limit, false),
  ];
}

const RELEASE = preparedStatement(
  "release_rate_limit",
  `UPDATE rate_limit_buckets SET count = count - 1
    WHERE key = $1 AND count > 0 AND window_start + make_interval(secs => $2::int) > now()`,
);

/**
 * Gives back one request counted by `consumeRateLimit` in the current window: a slot reserved
 * before work whose outcome turned out not to count (a failure slot taken before a password
 * check that then succeeded). A window that has rolled over since is left alone.
 */
export async function releaseRateLimit(options: Pick<RateLimitOptions, "key" | "windowSeconds">): Promise<void> {
  assertOptions({ ...options, limit: 1 });
  await queryPrepared(RELEASE, [bucketKey(options.key), options.windowSeconds]);
}

/** Forgets `key`'s window, e.g. the per-account failure counter after a successful sign-in. */
export async function resetRateLimit(key: string): Promise<void> {
  await db.$executeRaw`DELETE FROM rate_limit_buckets WHERE key = ${bucketKey(key)}`;
}
