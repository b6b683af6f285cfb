// The SSO token's `meta` JSON has two parts: `reader` (what PUT /api/sso/status/meta writes,
// replaced whole) and `system` (written only by the product, e.g. the sites where the reader
// answered the Opt In prompt with "Not now", and the sites the reader signed out of from the
// account page: lib/sso/site-sign-out.ts). Keeping them apart means a reader's write can never
// clear the product's own records.
import { z } from "zod";

export const MAX_READER_META_BYTES = 4096;

const siteList = z.array(z.string()).max(1000).default([]).catch([]);
const systemMetaSchema = z
  .object({ promptDismissedSites: siteList, signedOutSites: siteList })
  .catch({ promptDismissedSites: [], signedOutSites: [] });

export type TokenMeta = { reader: Record<string, unknown>; promptDismissedSites: string[]; signedOutSites: string[] };

export function readTokenMeta(raw: unknown): TokenMeta {
  const value = raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const reader = value.reader && typeof value.reader === "object" && !Array.isArray(value.reader) ? (value.reader as Record<string, unknown>) : {};
  const system = systemMetaSchema.parse(value.system ?? {});
  return { reader, promptDismissedSites: system.promptDismissedSites, signedOutSites: system.signedOutSites };
}
