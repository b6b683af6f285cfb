// Keyset pagination cursors of the console's lists (audit log, readers): `<ISO time>~<uuid>` of
// the last row seen on (created_at, id). Stable while new rows arrive (an offset would shift by
// one for every row inserted meanwhile) and as fast on page 1 000 as on page 1 (an index
// range scan from the cursor, not OFFSET's count-and-discard). Validated before any query.
import { z } from "zod";

export type KeysetCursor = { at: Date; id: string };

export const keysetCursorSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z~[0-9a-f-]{36}$/, "invalid page cursor")
  .transform((value, ctx): KeysetCursor => {
    const [time = "", id = ""] = value.split("~");
    const at = new Date(time);
    if (Number.isNaN(at.getTime()) || !z.uuid().safeParse(id).success) {
      ctx.addIssue({ code: "custom", message: "invalid page cursor" });
      return z.NEVER;
    }
    return { at, id };
  });

export function toCursor(row: { createdAt: Date; id: string }): string {
  return `${row.createdAt.toISOString()}~${row.id}`;
}

/** The where-clause of one keyset step on (createdAt, id): rows older than the cursor, or newer. */
export function keysetWhere(cursor: KeysetCursor | undefined, direction: "older" | "newer") {
  if (!cursor) return {};
  return direction === "older"
    ? { OR: [{ createdAt: { lt: cursor.at } }, { createdAt: cursor.at, id: { lt: cursor.id } }] }
    : { OR: [{ createdAt: { gt: cursor.at } }, { createdAt: cursor.at, id: { gt: cursor.id } }] };
}

/**
 * Turns the `pageSize + 1` rows fetched in the step's direction into the page (newest first) and
 * its two cursors: older (null on the last page) and newer (null on the first page).
 */
export function keysetPage<T extends { createdAt: Date; id: string }>(
  rows: T[],
  options: { pageSize: number; direction: "older" | "newer"; hasCursor: boolean },
): { rows: T[]; olderCursor: string | null; newerCursor: string | null } {
  const goingOlder = options.direction === "older";
  const hasMore = rows.length > options.pageSize;
  const page = rows.slice(0, options.pageSize);
  if (!goingOlder) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  const olderCursor = last && (goingOlder ? hasMore : true) ? toCursor(last) : null;
  const newerCursor = first && (goingOlder ? options.hasCursor : hasMore) ? toCursor(first) : null;
  return { rows: page, olderCursor, newerCursor };
}
