// Route handlers export their methods; every other method answers 405 with the error shape
// and an Allow header (Next's own 405 has an empty body).
import { errorBody, type ErrorCode } from "@/lib/errors";
import { observeRoute } from "@/lib/observability/observe-route";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];
type Handler = (request: Request, context: unknown) => Promise<Response>;

export function rejectMethodsExcept(...allowed: Method[]): Record<Method, Handler> {
  return rejectMethodsExceptWith(errorBody, ...allowed);
}

/** The same, with a family of paths' own error body (the Zephr-compatible paths: app/_lib/zephr-route.ts). */
export function rejectMethodsExceptWith(bodyOf: (code: ErrorCode, message: string) => unknown, ...allowed: Method[]): Record<Method, Handler> {
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : [])].join(", ");
  const reject: Handler = observeRoute(async () =>
    Response.json(bodyOf("method_not_allowed", `Use ${allow}.`), { status: 405, headers: { allow, "cache-control": "no-store" } }),
  );
  return Object.fromEntries(METHODS.map((m) => [m, reject])) as Record<Method, Handler>;
}
