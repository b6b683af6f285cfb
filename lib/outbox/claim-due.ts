// The claim both outboxes make (mail_outbox, webhook_deliveries: the same columns for their life
// cycle): due rows — pending and due, or claimed by a worker whose lease ran out — taken with
// FOR UPDATE SKIP LOCKED so workers in every instance never claim the same row, marked
// `sending` with a lease, their attempt counted. `orgId` narrows a pass to one organisation
// (tests that share the database with a running server's own worker).
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client.ts";

export type OutboxTable = "mail_outbox" | "webhook_deliveries";

export async function claimDueRows<Row>(options: { table: OutboxTable; leaseSeconds: number; limit: number; orgId: string | null; returning: string }): Promise<Row[]> {
  const table = Prisma.raw(options.table);
  return db.$queryRaw<Row[]>`
    UPDATE ${table}
       SET state = 'sending', attempts = attempts + 1, locked_until = now() + make_interval(secs => ${options.leaseSeconds})
     WHERE id IN (SELECT id FROM ${table}
                   WHERE ((state = 'pending' AND next_attempt_at <= now())
                       OR (state = 'sending' AND locked_until < now()))
                     AND (${options.orgId}::uuid IS NULL OR org_id = ${options.orgId}::uuid)
                   ORDER BY next_attempt_at
                   LIMIT ${options.limit}
                     FOR UPDATE SKIP LOCKED)
    RETURNING ${Prisma.raw(options.returning)}`;
}
