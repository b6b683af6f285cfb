// PUT /api/sso/status/meta: replaces the reader-writable part of the SSO token's meta.
import { z } from "zod";
import { db } from "@/lib/db/client";
import { ApiError } from "@/lib/errors";
import { findUnstorableJson } from "@/lib/http/storable-json";
import type { SiteContext } from "./site-context";
import { MAX_READER_META_BYTES } from "./token-meta";

// A top-level "__proto__" key is checked on the raw value: zod's record drops it silently (so the
// answer would not be what was sent); deeper ones are refused by findUnstorableJson.
const hasOwnProtoKey = (raw: unknown) => raw !== null && typeof raw === "object" && Object.prototype.hasOwnProperty.call(raw, "__proto__");

export const readerMetaSchema = z
  .unknown()
  .refine((raw) => !hasOwnProtoKey(raw), "meta has a key named __proto__")
  .pipe(
    z.record(z.string().max(128), z.unknown()).superRefine((meta, ctx) => {
      const problem = findUnstorableJson(meta);
      if (problem) ctx.addIssue({ code: "custom", message: `meta ${problem}` });
    }),
  );

export const readerMetaResponseSchema = z.object({ meta: z.object({ reader: z.record(z.string(), z.unknown()) }) });

export async function updateReaderMeta(options: { context: SiteContext; readerMeta: Record<string, unknown> }): Promise<Record<string, unknown>> {
  const token = options.context.token;
  if (!options.context.session || !token) throw new ApiError("not_linked", "This session is not linked to a sign-on; there is no meta to write.");
  if (Buffer.byteLength(JSON.stringify(options.readerMeta), "utf8") > MAX_READER_META_BYTES) {
    throw new ApiError("payload_too_large", `meta must be at most ${MAX_READER_META_BYTES} bytes of JSON.`);
  }
  // Read-modify-write in one statement: the system part is kept as it is in the row now.
  await db.$executeRaw`
    UPDATE sso_tokens
       SET meta = jsonb_set(CASE WHEN jsonb_typeof(meta) = 'object' THEN meta ELSE '{}'::jsonb END, '{reader}', ${JSON.stringify(options.readerMeta)}::jsonb, true)
     WHERE id = ${token.id}::uuid`;
  return options.readerMeta;
}
