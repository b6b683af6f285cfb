// Zephr's Public API documents its errors by status only (400, 401, 404, …; no body schema), and
// its success bodies carry a `message`. So a Zephr-compatible path answers an error with the
// product's one error shape (lib/errors.ts — same codes, same statuses) plus a top-level
// `message`, which Zephr front ends print: one error table, two readers.
import { z } from "zod";
import { errorStatus, reportError, retryAfterHeader, type ErrorCode } from "@/lib/errors";
import { zephrErrorBody } from "./error-body";

export { zephrErrorBody };

const errorCodes = Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]];

export const zephrErrorBodySchema = z
  .object({
    message: z.string().meta({ description: "For people (Zephr's field); never parse it." }),
    error: z.object({
      code: z.enum(errorCodes).meta({ description: "The product's error code (lib/errors.ts): one HTTP status each." }),
      message: z.string(),
    }),
  })
  .meta({ description: "An error on a Zephr-compatible path: the product's error shape plus Zephr's top-level `message`." });

/** Anything thrown on a Zephr path, as Zephr's answer (unknown errors never leak their message). */
export function zephrErrorResponse(error: unknown): Response {
  const apiError = reportError("zephr", error);
  return Response.json(zephrErrorBody(apiError.code, apiError.message), {
    status: apiError.status,
    headers: { "cache-control": "no-store", ...retryAfterHeader(apiError) },
  });
}
