// The audit log as a file (README, "Audit export"): CSV (RFC 4180) or JSON Lines-free plain
// JSON, of the same filters as the console's list (type, UTC dates, actor) through the same
// query (listAuditEvents), streamed page by page so memory stays flat, and bounded: at most
// EXPORT_MAX_ROWS rows, newest first — narrow the range for more.
//
// CSV cells are formula-injection safe: a cell a spreadsheet would run as a formula (starting
// with = + - @, or a tab or carriage return) is prefixed with a single quote (OWASP's advice),
// since audit data holds strings readers and attackers chose (emails, names, user agents).
import { z } from "zod";
import { describeAuditData, listAuditEvents, auditLogQuerySchema, type AuditLogEntry } from "./audit-log";
import { keysetCursorSchema } from "./keyset-cursor";

export const EXPORT_MAX_ROWS = 100_000;
const EXPORT_PAGE_SIZE = 500;

export const auditExportQuerySchema = auditLogQuerySchema.omit({ before: true, after: true }).extend({
  format: z.enum(["csv", "json"], { error: "format must be csv or json" }),
});

export type AuditExportQuery = z.infer<typeof auditExportQuerySchema>;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: neutralised if a spreadsheet would evaluate it, quoted when it must be (RFC 4180). */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvRow(values: string[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

export const CSV_COLUMNS = ["id", "time", "type", "actor", "actor_api_token_id", "reader", "site", "ip", "summary", "data"];

function exportRecord(entry: AuditLogEntry) {
  return {
    id: entry.id,
    time: entry.createdAt.toISOString(),
    type: entry.type,
    actor: entry.actor?.email ?? null,
    actorApiTokenId: entry.actorApiTokenId,
    reader: entry.reader?.email ?? null,
    site: entry.site?.slug ?? null,
    ip: entry.ip,
    data: entry.data,
  };
}

function csvLine(entry: AuditLogEntry): string {
  const r = exportRecord(entry);
  return csvRow([r.id, r.time, r.type, r.actor ?? "", r.actorApiTokenId ?? "", r.reader ?? "", r.site ?? "", r.ip ?? "", describeAuditData(entry.type, entry.data), JSON.stringify(r.data ?? {})]);
}

/** The export as a stream of UTF-8 chunks: a header (CSV) or `[` (JSON), then one page of rows at a time. */
export function auditExportStream(options: { orgId: string; query: AuditExportQuery }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const { format, ...filters } = options.query;
  let cursor: string | null | undefined;
  let written = 0;
  let done = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(format === "csv" ? csvRow(CSV_COLUMNS) : "["));
    },
    async pull(controller) {
      if (done) return;
      const pageSize = Math.min(EXPORT_PAGE_SIZE, EXPORT_MAX_ROWS - written);
      const before = cursor ? keysetCursorSchema.parse(cursor) : undefined;
      const page = await listAuditEvents({ orgId: options.orgId, query: { ...filters, before }, pageSize });
      const chunk = page.entries
        .map((entry, i) => (format === "csv" ? csvLine(entry) : `${written + i === 0 ? "" : ","}\n${JSON.stringify(exportRecord(entry))}`))
        .join("");
      written += page.entries.length;
      cursor = page.olderCursor;
      if (!cursor || written >= EXPORT_MAX_ROWS) {
        done = true;
        controller.enqueue(encoder.encode(format === "csv" ? chunk : `${chunk}\n]\n`));
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(chunk));
    },
  });
}
