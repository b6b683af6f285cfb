// One error type for the whole app, with a closed set of codes and their HTTP status.
// Route handlers throw ApiError (or let zod/other errors bubble) and answer with toErrorResponse.
import { ZodError } from "zod";

export const errorStatus = {
  bad_request: 400,
  invalid_scope: 400,
  invalid_host: 400,
  invalid_json: 400,
  validation_failed: 400,
  invalid_grant: 400,
  unauthorized: 401,
  invalid_client: 401,
  forbidden: 403,
  csrf_failed: 403,
  sso_disabled: 403,
  not_found: 404,
  unknown_host: 404,
  unknown_site: 404,
  method_not_allowed: 405,
  conflict: 409,
  not_linked: 409,
  not_known: 409,
  not_signed_in: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.status = errorStatus[code];
  }
}

export type ErrorBody = { error: { code: ErrorCode; message: string } };

export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}

/** Maps anything thrown to the public error shape. Unknown errors never leak their message. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof ZodError) {
    const first = error.issues[0];
    const where = first && first.path.length > 0 ? `${first.path.join(".")}: ` : "";
    return new ApiError("validation_failed", `${where}${first?.message ?? "invalid input"}`);
  }
  if (isDatabaseUnavailable(error)) {
    return new ApiError("service_unavailable", "The service is temporarily unavailable; try again shortly.");
  }
  return new ApiError("internal_error", "Something went wrong on our side.");
}

export function toErrorResponse(error: unknown): Response {
  const apiError = toApiError(error);
  if (apiError.status >= 500 && apiError.code === "internal_error") {
    // Log the cause server-side; the client only sees the generic message.
    console.error("[api] unhandled error:", error instanceof Error ? error.stack ?? error.message : error);
  }
  return Response.json(errorBody(apiError.code, apiError.message), {
    status: apiError.status,
    headers: { "cache-control": "no-store" },
  });
}

const unavailableCodes = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "57P01", "57P03", "53300"]);

function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && unavailableCodes.has(code)) return true;
    const message = (current as { message?: unknown }).message;
    if (typeof message === "string" && /connection terminated|timeout exceeded when trying to connect|ECONNREFUSED|can't reach database server|DatabaseNotReachable/i.test(message)) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
