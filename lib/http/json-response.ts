// A JSON answer typed by the schema the API document shows for it (lib/api-contract): a
// handler cannot return a body its documented schema does not allow. No runtime parse: the
// contract test (test/http/openapi-contract.test.ts) checks real answers against the document.
import type { z } from "zod";

export function jsonResponse<S extends z.ZodType>(_schema: S, body: z.input<S>, init?: ResponseInit): Response {
  return Response.json(body, init);
}
