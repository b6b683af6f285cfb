// Identity › Mail: the organisation's delivery log (lib/mail/outbox.ts writes it, the worker
// sends it) and the one action on it, "Retry" of a dead letter. What admins see is the envelope
// — kind, recipient, state, attempts, last error, times — never the body: it is sealed at rest
// and erased once sent. A retry puts the message back to pending now, with its attempts reset,
// so the worker tries it as if new; the audit row names the staff member who asked.
import { z } from "zod";
import { db } from "@/lib/db/client";
import { runTransaction } from "@/lib/db/transaction";
import { ApiError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { MailState } from "@/lib/generated/prisma/enums.ts";
import { nudgeOutboxWorker } from "@/lib/mail/outbox-worker-nudge";
import { keysetCursorSchema, keysetPage, keysetWhere } from "./keyset-cursor";

export const OUTBOX_PAGE_SIZE = 50;
export const mailStates = ["pending", "sending", "sent", "dead"] as const satisfies readonly MailState[];

const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);

export const outboxQuerySchema = z.object({
  state: z.preprocess(emptyToUndefined, z.enum(mailStates).optional()),
  before: z.preprocess(emptyToUndefined, keysetCursorSchema.optional()),
  after: z.preprocess(emptyToUndefined, keysetCursorSchema.optional()),
});

export type OutboxEntry = {
  id: string;
  kind: string;
  toAddress: string;
  siteName: string | null;
  state: MailState;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  nextAttemptAt: Date;
  sentAt: Date | null;
};

export type OutboxPage = { entries: OutboxEntry[]; counts: Record<MailState, number>; olderCursor: string | null; newerCursor: string | null };

/** One page of the organisation's messages, newest first (keyset on created_at, id over mail_outbox (org_id, created_at)), and the counts per state. */
export async function listOutbox(options: { orgId: string; query: z.infer<typeof outboxQuerySchema>; pageSize?: number }): Promise<OutboxPage> {
  const pageSize = options.pageSize ?? OUTBOX_PAGE_SIZE;
  const step = options.query.after ? "newer" : "older";
  const cursor = options.query.after ?? options.query.before;
  const direction = step === "older" ? "desc" : "asc";
  const [rows, grouped, sites] = await Promise.all([
    db.outboxMail.findMany({
      where: { AND: [{ orgId: options.orgId }, options.query.state ? { state: options.query.state } : {}, keysetWhere(cursor, step)] },
      select: { id: true, kind: true, toAddress: true, siteId: true, state: true, attempts: true, lastError: true, createdAt: true, nextAttemptAt: true, sentAt: true },
      orderBy: [{ createdAt: direction }, { id: direction }],
      take: pageSize + 1,
    }),
    db.outboxMail.groupBy({ by: ["state"], where: { orgId: options.orgId }, _count: { _all: true } }),
    db.site.findMany({ where: { orgId: options.orgId }, select: { id: true, name: true } }),
  ]);
  const siteNames = new Map(sites.map((s) => [s.id, s.name]));
  const page = keysetPage(rows, { pageSize, direction: step, hasCursor: cursor !== undefined });
  const counts = Object.fromEntries(mailStates.map((state) => [state, grouped.find((g) => g.state === state)?._count._all ?? 0])) as Record<MailState, number>;
  return {
    entries: page.rows.map(({ siteId, ...row }) => ({ ...row, siteName: siteId ? (siteNames.get(siteId) ?? null) : null })),
    counts,
    olderCursor: page.olderCursor,
    newerCursor: page.newerCursor,
  };
}

export const adminMailParamsSchema = z.object({ orgSlug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/).meta({ description: "The organisation's slug." }), mailId: z.uuid().meta({ description: "The message's id (the delivery log's)." }) });
export const retryMailResponseSchema = z.object({ retried: z.literal(true) });

/** Puts one dead letter of the organisation back to pending, due now, attempts reset. Only a dead letter: a sent one would go twice. */
export async function retryDeadMail(options: { orgId: string; mailId: string; actorStaffId: string; ip?: string | null }): Promise<void> {
  const mailId = z.uuid().safeParse(options.mailId);
  if (!mailId.success) throw new ApiError("not_found", "No such message in this organisation.");
  await runTransaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; kind: string }[]>`
      UPDATE mail_outbox SET state = 'pending', attempts = 0, next_attempt_at = now(), locked_until = NULL
       WHERE id = ${mailId.data}::uuid AND org_id = ${options.orgId}::uuid AND state = 'dead'
      RETURNING id, kind`;
    const row = rows[0];
    if (!row) {
      const exists = await tx.outboxMail.findFirst({ where: { id: mailId.data, orgId: options.orgId }, select: { state: true } });
      if (!exists) throw new ApiError("not_found", "No such message in this organisation.");
      throw new ApiError("conflict", `Only a dead letter can be retried; this message is ${exists.state}.`);
    }
    await recordAuditEvent(
      { orgId: options.orgId, type: "mail.retried", actorStaffId: options.actorStaffId, ip: options.ip ?? null, data: { mailId: row.id, kind: row.kind } },
      tx,
    );
  });
  // This instance's worker looks now rather than at its next poll.
  nudgeOutboxWorker();
}
