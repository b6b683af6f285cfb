// PUT /api/sso/status/meta — replace the reader-writable part of the SSO token's meta (≤ 4 KiB).
import { readJsonBody } from "@/lib/http/read-json-body";
import { withSiteRoute } from "@/app/_lib/site-route";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { MAX_READER_META_BYTES } from "@/lib/sso/token-meta";
import { readerMetaResponseSchema, readerMetaSchema, updateReaderMeta } from "@/lib/sso/update-reader-meta";
import { jsonResponse } from "@/lib/http/json-response";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";

export const PUT = withSiteRoute(async ({ request, outcome }) => {
  assertSameOrigin(request);
  const readerMeta = await readJsonBody(request, readerMetaSchema, { maxBytes: MAX_READER_META_BYTES });
  return jsonResponse(readerMetaResponseSchema, { meta: { reader: await updateReaderMeta({ context: outcome.context, readerMeta }) } });
});

export const { GET, POST, PATCH, DELETE } = rejectMethodsExcept("PUT");
