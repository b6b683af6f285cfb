// The SSO token's `meta` JSON has two parts: `reader` (what PUT /api/sso/status/meta writes,
// replaced whole) and `system` (written only by the product, e.g. the sites where the reader
// answered the Opt In prompt with "Not now"). Keeping them apart means a reader's write can
// never clear the product's own records.
import { z } from "zod";

export const MAX_READER_META_BYTES = 4096;

const systemMetaSchema = z.object({ promptDismissedSites: z.array(z.string()).max(1000).default([]) }).catch({ promptDismissedSites: [] });

export type TokenMeta = { reader: Record<string, unknown>; promptDismissedSites: string[] };

export function readTokenMeta(raw: unknown): TokenMeta {
  const value = raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const reader = value.reader && typeof value.reader === "object" && !Array.isArray(value.reader) ? (value.reader as Record<string, unknown>) : {};
  return { reader, promptDismissedSites: systemMetaSchema.parse(value.system ?? {}).promptDismissedSites };
}
