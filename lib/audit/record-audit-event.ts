// Appends one row to `audit_events` (design §7): mode and settings changes, OTT replays and
// mismatches, lockouts, wide logouts. Pass the transaction client when the event must commit
// or roll back together with the change it records (e.g. a mode change).
import { getPool } from "@/lib/db/pool";
import { preparedStatement, queryPrepared, type Queryable } from "@/lib/db/prepared";
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import { assertNoSecrets } from "./assert-no-secrets";
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
const INSERT_AUDIT_EVENT = preparedStatement(
  "record_audit_event",
  `INSERT INTO audit_events (org_id, type, actor_staff_id, reader_id, site_id, data, ip)
   VALUES ($1::uuid, $2, $3::uuid, $4::uuid, $5::uuid, $6::jsonb, $7)`,
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
  const values = [options.orgId, options.type, options.actorStaffId ?? null, options.readerId ?? null, options.siteId ?? null, JSON.stringify(data), options.ip ?? null];
  if (isDriverClient(client)) await queryPrepared(INSERT_AUDIT_EVENT, values, client);
  else await client.$executeRawUnsafe(INSERT_AUDIT_EVENT.text, ...values);
}
