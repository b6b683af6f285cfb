// Deletes dead OTTs, site sessions, SSO tokens, rate-limit buckets, forgotten sign-in sources,
// audit events past their organisation's retention, stale emailed links and the old delivery
// log in bounded batches
// (design §8), so a purge never holds long locks or bloats one transaction, and several app
// instances can purge at once: `FOR UPDATE SKIP LOCKED` hands each a different batch instead
// of making them queue on the same rows (or on rows a live request is updating).
import { db } from "@/lib/db/client";
import { getPool } from "@/lib/db/pool";
import { isDeadSiteSession, isDeadSsoToken } from "./live-rows";

export type PurgeOptions = {
  /** Rows per DELETE. */
  batchSize?: number;
  /** Batches per table per run: at most batchSize × maxBatches rows of each table go per run. */
  maxBatches?: number;
  /** The time to purge as of; defaults to the database's clock (tests pass a fixed one). */
  now?: Date;
};

export type PurgeCounts = {
  oneTimeTokens: number;
  siteSessions: number;
  ssoTokens: number;
  rateLimitBuckets: number;
  signInSources: number;
  auditEvents: number;
  emailLinks: number;
  mail: number;
};

/** Events of no organisation (staff sign-in failures) are kept as long as the default retention. */
export const PLATFORM_AUDIT_RETENTION_DAYS = 365;

const DEFAULT_BATCH_SIZE = 1_000;
const DEFAULT_MAX_BATCHES = 20;

/**
 * Expired OTTs are kept this long so that a replay of a just-expired OTT is still recognised
 * (and recorded as a replay) rather than looking like an unknown token, and so that the admin
 * console's SSO activity (lib/admin/activity.ts) can count the last 24 hours of handshakes
 * (issued / redeemed / expired) from this table. Rows hold hashes and ids only.
 */
export const OTT_RETENTION_AFTER_EXPIRY_SECONDS = 25 * 3_600;
/** Emailed links are kept a day past their expiry (a reader opening a stale link sees "no longer works" either way). */
export const EMAIL_LINK_RETENTION_AFTER_EXPIRY_SECONDS = 86_400;
/** The delivery log (sent and dead messages; their bodies are gone or sealed) is kept this long for the console. */
export const MAIL_LOG_RETENTION_SECONDS = 30 * 86_400;
/** Revoked sessions and tokens, and expired SSO tokens, are kept a day for investigating recent incidents. */
export const REVOKED_RETENTION_SECONDS = 86_400;

/** One DELETE of at most `limit` rows; answers how many went. */
type BatchDelete = (limit: number) => Promise<number>;

/**
 * A DELETE whose $1 is the purge's clock and $2 the batch size. On the driver rather than
 * Prisma's tagged templates, so that the definitions of lib/sso/live-rows.ts can be spliced in
 * with the purge's clock ($1) in place of the database's now().
 */
function batchDelete(text: string, clock: Date): BatchDelete {
  return async (limit) => (await getPool().query(text, [clock, limit])).rowCount ?? 0;
}

function secondsBefore(now: Date, seconds: number): Date {
  return new Date(now.getTime() - seconds * 1000);
}

/**
 * Runs each step's batches in turn until a batch comes back short (nothing left for that step),
 * sharing one budget of `maxBatches` across the steps of a table.
 */
async function deleteInBatches(steps: BatchDelete[], batchSize: number, maxBatches: number): Promise<number> {
  let deleted = 0;
  let batches = 0;
  for (const step of steps) {
    while (batches < maxBatches) {
      batches += 1;
      const count = await step(batchSize);
      deleted += count;
      if (count < batchSize) break;
    }
  }
  return deleted;
}

const CLOCK = "$1::timestamptz";

function oneTimeTokenSteps(now: Date): BatchDelete[] {
  return [
    batchDelete(
      `DELETE FROM one_time_tokens WHERE id IN (
         SELECT id FROM one_time_tokens WHERE expires_at < ${CLOCK}
         LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      secondsBefore(now, OTT_RETENTION_AFTER_EXPIRY_SECONDS),
    ),
  ];
}

function siteSessionSteps(now: Date): BatchDelete[] {
  return [
    // Past the absolute expiry (expires_at index).
    batchDelete(
      `DELETE FROM site_sessions WHERE id IN (
         SELECT s.id FROM site_sessions s WHERE ${isDeadSiteSession("expired", "s", "o", CLOCK)}
         LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      now,
    ),
    batchDelete(
      `DELETE FROM site_sessions WHERE id IN (
         SELECT id FROM site_sessions WHERE revoked_at < ${CLOCK}
         LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      secondsBefore(now, REVOKED_RETENTION_SECONDS),
    ),
    // Idle past its organisation's idle lifetime: validation refuses it already.
    batchDelete(
      `DELETE FROM site_sessions WHERE id IN (
         SELECT s.id FROM site_sessions s JOIN organizations o ON o.id = s.org_id
          WHERE ${isDeadSiteSession("idle", "s", "o", CLOCK)}
         LIMIT $2 FOR UPDATE OF s SKIP LOCKED)`,
      now,
    ),
  ];
}

/**
 * SSO tokens go only once no site session points at them any more (sessions are purged first):
 * `site_sessions.sso_token_id` would be set to null instead, silently unlinking a live session.
 * Their OTTs go with them (ON DELETE CASCADE); those expired long before, as a dead token mints none.
 * Each is kept a day past its death (the purge's clock for them is a day behind).
 */
function ssoTokenSteps(now: Date): BatchDelete[] {
  const cutoff = secondsBefore(now, REVOKED_RETENTION_SECONDS);
  const unlinked = "NOT EXISTS (SELECT 1 FROM site_sessions s WHERE s.sso_token_id = t.id)";
  return [
    batchDelete(
      `DELETE FROM sso_tokens WHERE id IN (
         SELECT t.id FROM sso_tokens t
          WHERE ${isDeadSsoToken("expired", "t", "o", CLOCK)} AND ${unlinked}
         LIMIT $2 FOR UPDATE OF t SKIP LOCKED)`,
      cutoff,
    ),
    batchDelete(
      `DELETE FROM sso_tokens WHERE id IN (
         SELECT t.id FROM sso_tokens t
          WHERE t.revoked_at < ${CLOCK} AND ${unlinked}
         LIMIT $2 FOR UPDATE OF t SKIP LOCKED)`,
      cutoff,
    ),
    // Idle past the organisation's SSO-token idle lifetime.
    batchDelete(
      `DELETE FROM sso_tokens WHERE id IN (
         SELECT t.id FROM sso_tokens t JOIN organizations o ON o.id = t.org_id
          WHERE ${isDeadSsoToken("idle", "t", "o", CLOCK)} AND ${unlinked}
         LIMIT $2 FOR UPDATE OF t SKIP LOCKED)`,
      cutoff,
    ),
  ];
}

function rateLimitBucketSteps(now: Date): BatchDelete[] {
  return [
    batchDelete(
      `DELETE FROM rate_limit_buckets WHERE key IN (
         SELECT key FROM rate_limit_buckets WHERE expires_at < ${CLOCK}
         LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      now,
    ),
  ];
}

function signInSourceSteps(now: Date): BatchDelete[] {
  return [
    // Known sign-in sources nobody has used for SIGNIN_SOURCE_MEMORY_SECONDS.
    batchDelete(
      `DELETE FROM sign_in_sources WHERE (subject, source_hash) IN (
         SELECT subject, source_hash FROM sign_in_sources WHERE expires_at < ${CLOCK}
         LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      now,
    ),
  ];
}

/** Past the organisation's retention (Identity › Settings), or the platform's for events of no organisation. */
function auditEventSteps(now: Date): BatchDelete[] {
  return [
    batchDelete(
      `DELETE FROM audit_events WHERE id IN (
         SELECT e.id FROM audit_events e JOIN organizations o ON o.id = e.org_id
          WHERE e.created_at < ${CLOCK} - o.audit_retention_days * interval '1 day'
         LIMIT $2 FOR UPDATE OF e SKIP LOCKED)`,
      now,
    ),
    batchDelete(
      `DELETE FROM audit_events WHERE id IN (
         SELECT id FROM audit_events
          WHERE org_id IS NULL AND created_at < ${CLOCK} - ${PLATFORM_AUDIT_RETENTION_DAYS} * interval '1 day'
         LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      now,
    ),
  ];
}

function emailLinkSteps(now: Date): BatchDelete[] {
  return [
    batchDelete(
      `DELETE FROM reader_email_links WHERE id IN (
         SELECT id FROM reader_email_links WHERE expires_at < ${CLOCK} - make_interval(secs => ${EMAIL_LINK_RETENTION_AFTER_EXPIRY_SECONDS})
         LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      now,
    ),
  ];
}

/** Settled messages only: pending and sending ones are the worker's, whatever their age. */
function mailSteps(now: Date): BatchDelete[] {
  return [
    batchDelete(
      `DELETE FROM mail_outbox WHERE id IN (
         SELECT id FROM mail_outbox WHERE state IN ('sent', 'dead') AND created_at < ${CLOCK} - make_interval(secs => ${MAIL_LOG_RETENTION_SECONDS})
         LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      now,
    ),
  ];
}

async function databaseNow(): Promise<Date> {
  const rows = await db.$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
  const row = rows[0];
  if (!row) throw new Error("SELECT now() returned no row");
  return row.now;
}

function assertPositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be an integer >= 1`);
}

export async function purgeExpired(options: PurgeOptions = {}): Promise<PurgeCounts> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const maxBatches = options.maxBatches ?? DEFAULT_MAX_BATCHES;
  assertPositiveInteger("batchSize", batchSize);
  assertPositiveInteger("maxBatches", maxBatches);
  // One clock for every instance: the database's, not this machine's.
  const now = options.now ?? (await databaseNow());
  const oneTimeTokens = await deleteInBatches(oneTimeTokenSteps(now), batchSize, maxBatches);
  const siteSessions = await deleteInBatches(siteSessionSteps(now), batchSize, maxBatches);
  const ssoTokens = await deleteInBatches(ssoTokenSteps(now), batchSize, maxBatches);
  const rateLimitBuckets = await deleteInBatches(rateLimitBucketSteps(now), batchSize, maxBatches);
  const signInSources = await deleteInBatches(signInSourceSteps(now), batchSize, maxBatches);
  const auditEvents = await deleteInBatches(auditEventSteps(now), batchSize, maxBatches);
  const emailLinks = await deleteInBatches(emailLinkSteps(now), batchSize, maxBatches);
  const mail = await deleteInBatches(mailSteps(now), batchSize, maxBatches);
  return { oneTimeTokens, siteSessions, ssoTokens, rateLimitBuckets, signInSources, auditEvents, emailLinks, mail };
}
