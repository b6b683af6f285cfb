// Appends one row to `audit_events` (design §7): mode and settings changes, OTT replays and
// mismatches, lockouts, wide logouts. Pass the transaction client when the event must commit
// or roll back together with the change it records (e.g. a mode change).
import { getPool } from "@/lib/db/pool";
import { preparedStatement, queryPrepared, type Queryable } from "@/lib/db/prepared";
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import { nudgeWebhookWorker } from "@/lib/webhooks/delivery-nudge";
import { assertNoSecrets } from "./assert-no-secrets";
import { currentApiTokenActor } from "./audit-actor";
import { isAuditEventType, type AuditEventType } from "./audit-event-types";

export type RecordAuditEventOptions = {
  /** null for events that belong to no organisation (e.g. a staff-wide action). */
  orgId: string | null;
  type: AuditEventType;
  actorStaffId?: string | null;
  readerId?: string | null;
  siteId?: string | null;
  /** Details such as old → new values or a reason. Must not hold secrets (checked). */
  data?: Record<string, unknown>;
  ip?: string | null;
};

/** What JSON storage will actually keep (Dates become strings, undefined disappears), so the check sees the stored value. */
function toJsonObject(data: Record<string, unknown>): Prisma.InputJsonObject {
  const roundTripped: unknown = JSON.parse(JSON.stringify(data));
  if (roundTripped === null || typeof roundTripped !== "object" || Array.isArray(roundTripped)) {
    throw new Error("audit data must be a JSON object");
  }
  return roundTripped as Prisma.InputJsonObject;
}

// One statement for both kinds of transaction the app runs (lib/db/transaction.ts): Prisma's and
// the driver's (revocations and sign-ins run on the driver), so an event commits with its change
// either way. created_at is the database's clock as the row is written (the column default).
//
// The same statement writes the webhook outbox (lib/webhooks): one delivery per live webhook
// of the organisation subscribed to the type (exactly, or by a prefix ending in "."), so an
// event is pushed exactly when it commits, and never without its audit row.
const INSERT_AUDIT_EVENT = preparedStatement(
  "record_audit_event",
  `WITH event AS (
     INSERT INTO audit_events (org_id, type, actor_staff_id, reader_id, site_id, data, ip, actor_api_token_id)
     VALUES ($1::uuid, $2, $3::uuid, $4::uuid, $5::uuid, $6::jsonb, $7, $8::uuid)
     RETURNING *
   )
   INSERT INTO webhook_deliveries (webhook_id, org_id, audit_event_id, event_type, payload)
   SELECT w.id, e.org_id, e.id, e.type,
          jsonb_build_object('id', e.id, 'type', e.type, 'createdAt', e.created_at, 'orgId', e.org_id,
                             'actor', jsonb_build_object('staffId', e.actor_staff_id, 'apiTokenId', e.actor_api_token_id),
                             'readerId', e.reader_id, 'siteId', e.site_id, 'ip', e.ip, 'data', e.data)
     FROM event e JOIN webhooks w ON w.org_id = e.org_id AND w.disabled_at IS NULL
    WHERE EXISTS (SELECT 1 FROM unnest(w.event_types) t WHERE t = e.type OR (right(t, 1) = '.' AND starts_with(e.type, t)))
   RETURNING id`,
);

function isDriverClient(client: Prisma.TransactionClient | Queryable): client is Queryable {
  return typeof (client as { query?: unknown }).query === "function";
}

export async function recordAuditEvent(
  options: RecordAuditEventOptions,
  client: Prisma.TransactionClient | Queryable = getPool(),
): Promise<void> {
  // The type is a closed union, but callers may have cast a string; the log must stay listable.
  if (!isAuditEventType(options.type)) throw new Error(`unknown audit event type: ${String(options.type)}`);
  const data = toJsonObject(options.data ?? {});
  assertNoSecrets(data);
  // A change made with an API token is the token's, whatever staff id the caller passed.
  const apiTokenId = currentApiTokenActor();
  const actorStaffId = apiTokenId ? null : (options.actorStaffId ?? null);
  const values = [options.orgId, options.type, actorStaffId, options.readerId ?? null, options.siteId ?? null, JSON.stringify(data), options.ip ?? null, apiTokenId];
  const deliveries = isDriverClient(client)
    ? await queryPrepared(INSERT_AUDIT_EVENT, values, client)
    : await client.$queryRawUnsafe<unknown[]>(INSERT_AUDIT_EVENT.text, ...values);
  if (deliveries.length > 0) nudgeWebhookWorker();
}
