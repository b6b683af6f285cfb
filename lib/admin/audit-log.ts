// The organisation's audit log as the console shows it: filterable by event type (an exact
// type, a dotted prefix such as `sso.ott_`, or a category), by UTC date, newest first, 50 a
// page with keyset pagination on (created_at, id) (lib/admin/keyset-cursor.ts; index
// audit_events (org_id, created_at)).
import { z } from "zod";
import { db } from "@/lib/db/client";
import { auditEventTypes, type AuditEventType } from "@/lib/audit/audit-event-types";
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import { keysetCursorSchema, keysetPage, keysetWhere } from "./keyset-cursor";

export const AUDIT_PAGE_SIZE = 50;

export const auditCategories = {
  changes: {
    label: "Settings changes",
    types: ["sso.mode_changed", "sso.settings_changed", "sso.site_participation_changed", "sso.site_mode_changed", "site.mail_from_changed"],
  },
  security: {
    label: "Security events",
    types: [
      "sso.ott_replayed", "sso.ott_foreign", "sso.ott_expired", "sso.ott_invalid", "sso.state_mismatch", "sso.rate_limited",
      "auth.lockout", "auth.signin_failed", "auth.signin_slowed", "staff.lockout", "staff.signin_failed", "staff.signin_slowed",
    ],
  },
  signins: { label: "Successful sign-ins", types: ["auth.signin", "staff.signin"] },
  logouts: { label: "Wide logouts and revocations", types: ["logout.other_devices", "logout.everywhere", "admin.session_revoked"] },
} as const satisfies Record<string, { label: string; types: readonly AuditEventType[] }>;

export type AuditCategory = keyof typeof auditCategories;

function isCategory(value: string): value is AuditCategory {
  return Object.hasOwn(auditCategories, value);
}

/** A filter value: a category, or a prefix (a whole type is its own prefix) of at least one known type. */
const typeFilterSchema = z
  .string()
  .regex(/^[a-z_.]{1,64}$/, "type must be an event type, a prefix of one, or a category")
  .refine((value) => isCategory(value) || auditEventTypes.some((t) => t.startsWith(value)), "no event type matches this filter");

const dateSchema = z.iso.date({ error: "dates are YYYY-MM-DD" });

const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);

export const auditLogQuerySchema = z.object({
  type: z.preprocess(emptyToUndefined, typeFilterSchema.optional()),
  from: z.preprocess(emptyToUndefined, dateSchema.optional()),
  to: z.preprocess(emptyToUndefined, dateSchema.optional()),
  before: z.preprocess(emptyToUndefined, keysetCursorSchema.optional()),
  after: z.preprocess(emptyToUndefined, keysetCursorSchema.optional()),
  /** Only what this staff member or API token did (its id). */
  actor: z.preprocess(emptyToUndefined, z.uuid({ error: "actor must be a staff or API token id" }).optional()),
});

export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;

export type AuditLogEntry = {
  id: string;
  type: string;
  createdAt: Date;
  actor: { name: string; email: string } | null;
  /** Set when an API token acted (actor is then null). */
  actorApiTokenId: string | null;
  reader: { id: string; email: string } | null;
  site: { slug: string; name: string } | null;
  data: unknown;
  ip: string | null;
};

export type AuditLogPage = {
  entries: AuditLogEntry[];
  /** Cursor for the next (older) page, or null on the last page. */
  olderCursor: string | null;
  /** Cursor for the previous (newer) page, or null on the first page. */
  newerCursor: string | null;
};

function typeWhere(type: string | undefined): Prisma.AuditEventWhereInput {
  if (!type) return {};
  if (isCategory(type)) return { type: { in: [...auditCategories[type].types] } };
  return { type: { startsWith: type } };
}

function dateWhere(from: string | undefined, to: string | undefined): Prisma.AuditEventWhereInput {
  if (!from && !to) return {};
  return {
    createdAt: {
      ...(from ? { gte: new Date(`${from}T00:00:00.000Z`) } : {}),
      // `to` is inclusive: the whole UTC day.
      ...(to ? { lt: new Date(new Date(`${to}T00:00:00.000Z`).getTime() + 86_400_000) } : {}),
    },
  };
}

export async function listAuditEvents(options: { orgId: string; query: AuditLogQuery; pageSize?: number }): Promise<AuditLogPage> {
  const pageSize = options.pageSize ?? AUDIT_PAGE_SIZE;
  const { query } = options;
  const step = query.after ? "newer" : "older";
  const cursor = query.after ?? query.before;
  const direction = step === "older" ? "desc" : "asc";
  const rows = await db.auditEvent.findMany({
    where: {
      AND: [
        { orgId: options.orgId },
        typeWhere(query.type),
        dateWhere(query.from, query.to),
        query.actor ? { OR: [{ actorStaffId: query.actor }, { actorApiTokenId: query.actor }] } : {},
        keysetWhere(cursor, step),
      ],
    },
    orderBy: [{ createdAt: direction }, { id: direction }],
    take: pageSize + 1,
  });
  const { rows: page, olderCursor, newerCursor } = keysetPage(rows, { pageSize, direction: step, hasCursor: cursor !== undefined });

  const staffIds = [...new Set(page.map((r) => r.actorStaffId).filter((id): id is string => id !== null))];
  const readerIds = [...new Set(page.map((r) => r.readerId).filter((id): id is string => id !== null))];
  const siteIds = [...new Set(page.map((r) => r.siteId).filter((id): id is string => id !== null))];
  const [staff, readers, sites] = await Promise.all([
    staffIds.length ? db.staff.findMany({ where: { id: { in: staffIds } }, select: { id: true, name: true, email: true } }) : [],
    readerIds.length ? db.reader.findMany({ where: { id: { in: readerIds }, orgId: options.orgId }, select: { id: true, email: true } }) : [],
    siteIds.length ? db.site.findMany({ where: { id: { in: siteIds }, orgId: options.orgId }, select: { id: true, slug: true, name: true } }) : [],
  ]);
  const staffById = new Map(staff.map((s) => [s.id, s]));
  const readerById = new Map(readers.map((r) => [r.id, r]));
  const siteById = new Map(sites.map((s) => [s.id, s]));

  const entries = page.map((row) => {
    const actor = row.actorStaffId ? staffById.get(row.actorStaffId) : undefined;
    const reader = row.readerId ? readerById.get(row.readerId) : undefined;
    const site = row.siteId ? siteById.get(row.siteId) : undefined;
    return {
      id: row.id,
      type: row.type,
      createdAt: row.createdAt,
      actor: actor ? { name: actor.name, email: actor.email } : null,
      actorApiTokenId: row.actorApiTokenId,
      reader: reader ? { id: reader.id, email: reader.email } : null,
      site: site ? { slug: site.slug, name: site.name } : null,
      data: row.data,
      ip: row.ip,
    };
  });
  return { entries, olderCursor, newerCursor };
}

/** "old → new" for the change events, a short summary for the others. */
export function describeAuditData(type: string, data: unknown): string {
  if (data === null || typeof data !== "object" || Array.isArray(data)) return "";
  const record = data as Record<string, unknown>;
  const show = (value: unknown) => (value === null || value === undefined ? "—" : String(value));
  if ("old" in record || "new" in record) {
    const field = typeof record.field === "string" ? `${record.field}: ` : "";
    const site = typeof record.site === "string" ? `${record.site} · ` : "";
    return `${site}${field}${show(record.old)} → ${show(record.new)}`;
  }
  if (type === "admin.session_revoked") {
    return `${show(record.scope)}: ${show(record.revokedSessions)} session(s), ${show(record.revokedTokens)} SSO token(s)`;
  }
  return Object.entries(record)
    .map(([key, value]) => `${key}=${typeof value === "object" ? JSON.stringify(value) : show(value)}`)
    .join(", ");
}
