// PUT /zephr/public/sso/v1/status/meta — Zephr's updateMetadata: the product's reader meta on
// the SSO token (lib/sso/update-reader-meta.ts: the same 4 KiB cap and the same checks as
// PUT /api/sso/status/meta). Answers the stored meta.
import { rejectZephrMethodsExcept, withZephrRoute } from "@/app/_lib/zephr-route";
import { jsonResponse } from "@/lib/http/json-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { MAX_READER_META_BYTES } from "@/lib/sso/token-meta";
import { readerMetaSchema, updateReaderMeta } from "@/lib/sso/update-reader-meta";
import { zephrMetaResponseSchema } from "@/lib/zephr/bodies";
import { ZEPHR_CODES, withZephrCodes } from "@/lib/zephr/zephr-codes";

export const PUT = withZephrRoute(async ({ request, outcome }) => {
  assertSameOrigin(request);
  const readerMeta = await readJsonBody(request, readerMetaSchema, { maxBytes: MAX_READER_META_BYTES });
  const meta = await withZephrCodes(ZEPHR_CODES.meta, () => updateReaderMeta({ context: outcome.context, readerMeta }));
  return jsonResponse(zephrMetaResponseSchema, { meta });
});

export const { GET, POST, PATCH, DELETE } = rejectZephrMethodsExcept("PUT");
