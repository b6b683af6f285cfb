// An organisation's webhooks (README, "Webhooks"): configured by an owner in the console (URL,
// event types), each with a signing secret shown once. The secret must be usable to sign every
// delivery, so it cannot be a hash: it is sealed under AUTH_SECRET (lib/mail/seal.ts sealText, its own label).
// Deliveries are written with the audit row (lib/audit/record-audit-event.ts) and sent by
// delivery-worker.ts; their log is listed here for the console.
import { z } from "zod";
import { db } from "@/lib/db/client";
import { runTransaction } from "@/lib/db/transaction";
import { auditEventTypes } from "@/lib/audit/audit-event-types";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { ApiError } from "@/lib/errors";
import { sealText } from "@/lib/mail/seal";
import { generateWebhookSecret } from "./signature";
import { webhookUrlSchema } from "./webhook-url";

export const WEBHOOK_SECRET_LABEL = "webhook signing secret v1";
const MAX_WEBHOOKS_PER_ORG = 10;

/** An exact event type, or a dotted prefix ending in "." of at least one (e.g. `sso.`). */
const eventTypeFilterSchema = z
  .string()
  .regex(/^[a-z_.]{1,64}$/, "event types are like sso.mode_changed, or a prefix ending in a dot (sso.)")
  .refine((value) => (value.endsWith(".") ? auditEventTypes.some((t) => t.startsWith(value)) : (auditEventTypes as readonly string[]).includes(value)), "no such event type");

export const createWebhookBodySchema = z.strictObject({
  url: webhookUrlSchema,
  eventTypes: z.array(eventTypeFilterSchema).min(1, "eventTypes: at least one").max(50),
});

export const webhookSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  eventTypes: z.array(z.string()),
  createdAt: z.iso.datetime(),
});
export const webhookListSchema = z.object({ webhooks: z.array(webhookSchema) });
export const createdWebhookSchema = z.object({ webhook: webhookSchema, secret: z.string().describe("The signing secret (whsec_…): shown once, never again.") });
export const webhookParamsSchema = z.object({ orgSlug: z.string(), webhookId: z.string() });
export const deletedWebhookSchema = z.object({ deleted: z.literal(true) });

export type WebhookView = z.infer<typeof webhookSchema>;

export type WebhookDeliveryView = {
  id: string;
  webhookId: string;
  url: string;
  eventType: string;
  state: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
  nextAttemptAt: Date;
};

function view(row: { id: string; url: string; eventTypes: string[]; createdAt: Date }): WebhookView {
  return { id: row.id, url: row.url, eventTypes: row.eventTypes, createdAt: row.createdAt.toISOString() };
}

export async function listWebhooks(options: { orgId: string }): Promise<WebhookView[]> {
  const rows = await db.webhook.findMany({ where: { orgId: options.orgId, disabledAt: null }, orderBy: { createdAt: "desc" } });
  return rows.map(view);
}

export async function createWebhook(options: { orgId: string; actorStaffId: string; input: z.infer<typeof createWebhookBodySchema>; ip: string }): Promise<{ webhook: WebhookView; secret: string }> {
  const secret = generateWebhookSecret();
  const eventTypes = [...new Set(options.input.eventTypes)];
  const row = await runTransaction(async (tx) => {
    if ((await tx.webhook.count({ where: { orgId: options.orgId, disabledAt: null } })) >= MAX_WEBHOOKS_PER_ORG) {
      throw new ApiError("conflict", `At most ${MAX_WEBHOOKS_PER_ORG} webhooks per organisation.`);
    }
    const created = await tx.webhook.create({ data: { orgId: options.orgId, url: options.input.url, eventTypes, sealedSecret: sealText(secret, WEBHOOK_SECRET_LABEL) } });
    await recordAuditEvent({ orgId: options.orgId, type: "admin.webhook_created", actorStaffId: options.actorStaffId, data: { webhookId: created.id, url: created.url, eventTypes }, ip: options.ip }, tx);
    return created;
  });
  return { webhook: view(row), secret };
}

/** Disables a webhook (its delivery log stays readable); pending deliveries are not sent. */
export async function deleteWebhook(options: { orgId: string; webhookId: string; actorStaffId: string; ip: string }): Promise<void> {
  const id = z.uuid().safeParse(options.webhookId);
  if (!id.success) throw new ApiError("not_found", "No such webhook.");
  await runTransaction(async (tx) => {
    const row = await tx.webhook.findFirst({ where: { id: id.data, orgId: options.orgId, disabledAt: null }, select: { id: true, url: true } });
    if (!row) throw new ApiError("not_found", "No such webhook.");
    await tx.$executeRaw`UPDATE webhooks SET disabled_at = now() WHERE id = ${row.id}::uuid`;
    await tx.$executeRaw`UPDATE webhook_deliveries SET state = 'dead', last_error = 'webhook deleted', locked_until = NULL WHERE webhook_id = ${row.id}::uuid AND state = 'pending'`;
    await recordAuditEvent({ orgId: options.orgId, type: "admin.webhook_deleted", actorStaffId: options.actorStaffId, data: { webhookId: row.id, url: row.url }, ip: options.ip }, tx);
  });
}

/** The console's delivery log: the newest deliveries of the organisation's webhooks. */
export async function listWebhookDeliveries(options: { orgId: string; limit?: number }): Promise<WebhookDeliveryView[]> {
  const rows = await db.webhookDelivery.findMany({
    where: { orgId: options.orgId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit ?? 50,
    include: { webhook: { select: { url: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    webhookId: r.webhookId,
    url: r.webhook.url,
    eventType: r.eventType,
    state: r.state,
    attempts: r.attempts,
    lastStatus: r.lastStatus,
    lastError: r.lastError,
    createdAt: r.createdAt,
    deliveredAt: r.deliveredAt,
    nextAttemptAt: r.nextAttemptAt,
  }));
}
