// Whether readers' addresses are confirmed, for the console's reader list and detail page
// (beside lib/admin/readers.ts, which another change is reshaping: this stays additive).
import { db } from "@/lib/db/client";

/** reader id → when the address was confirmed (null: not yet), for readers of this organisation only. */
export async function listEmailVerifiedAt(options: { orgId: string; readerIds: string[] }): Promise<Map<string, Date | null>> {
  if (options.readerIds.length === 0) return new Map();
  const rows = await db.reader.findMany({ where: { orgId: options.orgId, id: { in: options.readerIds } }, select: { id: true, emailVerifiedAt: true } });
  return new Map(rows.map((r) => [r.id, r.emailVerifiedAt]));
}
