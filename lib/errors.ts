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
  invalid_link: 400,
  unauthorized: 401,
  invalid_client: 401,
  forbidden: 403,
  csrf_failed: 403,
  sso_disabled: 403,
  not_navigation: 403,
  device_limit_reached: 403,
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
  if (isDatabaseUnavailable(error) || isTransactionConflict(error)) {
    return new ApiError("service_unavailable", "The service is temporarily unavailable; try again shortly.");
  }
  return new ApiError("internal_error", "Something went wrong on our side.");
}

/** Seconds a client should wait before retrying a 503: long enough for a database failover. */
export const SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

export function retryAfterHeader(error: ApiError): Record<string, string> {
  return error.code === "service_unavailable" ? { "retry-after": String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS) } : {};
}

/**
 * Maps anything thrown to the public error and logs what an operator must see: an unexpected
 * error with its stack, an unreachable database as one short line naming only error codes (never
 * a message, which may quote a query).
 */
export function reportError(where: string, error: unknown): ApiError {
  const apiError = toApiError(error);
  if (apiError.code === "internal_error") {
    // The client only sees the generic message.
    console.error(`[${where}] unhandled error:`, error instanceof Error ? error.stack ?? error.message : error);
  } else if (apiError.code === "service_unavailable") {
    console.error(`[${where}] database unavailable (${unavailableCodesOf(error).join(", ") || "no code"}); answered 503`);
  }
  return apiError;
}

export function toErrorResponse(error: unknown): Response {
  const apiError = reportError("api", error);
  return Response.json(errorBody(apiError.code, apiError.message), {
    status: apiError.status,
    headers: { "cache-control": "no-store", ...retryAfterHeader(apiError) },
  });
}

// "The database cannot be reached right now", in every form it takes on its way up: Node socket
// errors, pg's own messages (connect timeout, a connection dropped mid-query), Postgres SQLSTATEs
// of class 08 (connection exception) and 57P0x (shutting down / starting up), 53300 (too many
// connections), 57014 (a statement or lock timeout), Prisma's connection error codes, and the
// kinds the Prisma driver adapter gives them (meta.driverAdapterError.cause.kind).
const unavailableCodes = new Set([
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH",
  "57P01", "57P02", "57P03", "53300", "57014",
  // Prisma: can't reach / timed out / operations timed out / server closed the connection / pool timeout /
  // transaction could not start or outlived its timeout / too many connections.
  "P1001", "P1002", "P1008", "P1017", "P2024", "P2028", "P2037",
]);
const unavailableKinds = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const unavailableMessage =
  /connection terminated|timeout exceeded when trying to connect|query read timeout|ECONNREFUSED|ECONNRESET|can't reach database server|server has closed the connection|not queryable|connection (is )?closed|timed out fetching a new connection/i;

type Wrapped = { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: unknown };

/** `error` and what it wraps (cause chains, Prisma's driver adapter error), breadth first, bounded. */
function* wrappedErrors(error: unknown): Generator<Wrapped> {
  const pending: unknown[] = [error];
  for (let visited = 0; pending.length > 0 && visited < 12; visited++) {
    const current = pending.shift();
    if (!current || typeof current !== "object") continue;
    const wrapped = current as Wrapped;
    yield wrapped;
    pending.push(wrapped.cause);
    if (wrapped.meta && typeof wrapped.meta === "object") pending.push((wrapped.meta as { driverAdapterError?: unknown }).driverAdapterError);
  }
}

/** Whether `error` (or anything it wraps) says the database is unreachable rather than that a query is wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const { code, kind, message } of wrappedErrors(error)) {
    if (typeof code === "string" && (unavailableCodes.has(code) || code.startsWith("08"))) return true;
    if (typeof kind === "string" && unavailableKinds.has(kind)) return true;
    if (typeof message === "string" && unavailableMessage.test(message)) return true;
  }
  return false;
}

/**
 * Whether Postgres aborted a transaction so that another could go on: a deadlock (40P01) or a
 * serialization failure (40001), as Prisma reports them (P2034, or the driver adapter's kinds).
 * Such a transaction is meant to be retried (lib/db/transaction.ts); one that keeps losing is a 503.
 */
export function isTransactionConflict(error: unknown): boolean {
  for (const { code, kind } of wrappedErrors(error)) {
    if (code === "P2034" || code === "40P01" || code === "40001" || kind === "TransactionWriteConflict") return true;
  }
  return false;
}

/** The codes and kinds along the chain, and which of our fixed phrases matched (a log line that can quote no query). */
function unavailableCodesOf(error: unknown): string[] {
  const found = new Set<string>();
  for (const { code, kind, message } of wrappedErrors(error)) {
    if (typeof code === "string" && /^[A-Za-z0-9_]{1,40}$/.test(code)) found.add(code);
    if (typeof kind === "string" && /^[A-Za-z0-9_]{1,40}$/.test(kind)) found.add(kind);
    const phrase = typeof message === "string" ? unavailableMessage.exec(message)?.[0] : undefined;
    if (phrase) found.add(phrase.toLowerCase());
  }
  return [...found];
}
