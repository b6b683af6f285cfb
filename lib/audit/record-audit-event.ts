// Appends one row to `audit_events` (design §7): mode and settings changes, OTT replays and
// mismatches, lockouts, wide logouts. Pass the transaction client when the event must commit
// or roll back together with the change it records (e.g. a mode change).
import { db } from "@/lib/db/client";
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

export async function recordAuditEvent(
  options: RecordAuditEventOptions,
  client: Prisma.TransactionClient = db,
): Promise<void> {
  // The type is a closed union, but callers may have cast a string; the log must stay listable.
  if (!isAuditEventType(options.type)) throw new Error(`unknown audit event type: ${String(options.type)}`);
  const data = toJsonObject(options.data ?? {});
  assertNoSecrets(data);
  await client.auditEvent.create({
    data: {
      orgId: options.orgId,
      type: options.type,
      actorStaffId: options.actorStaffId ?? null,
      readerId: options.readerId ?? null,
      siteId: options.siteId ?? null,
      data,
      ip: options.ip ?? null,
    },
  });
}
