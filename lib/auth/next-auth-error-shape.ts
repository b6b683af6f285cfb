// next-auth answers some requests itself with a 4xx/5xx of its own making (text/plain "This action
// with HTTP GET is not supported by NextAuth.js", or JSON {"message": …}). Every /api answer of
// ours has the error shape (design §5), so such an answer is re-cast in it, keeping its status
// (and its cookies and other headers).
import { errorBody, type ErrorCode } from "@/lib/errors";

const codeByStatus: Record<number, ErrorCode> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "rate_limited",
};

/**
 * Answers kept as they are: ours (the error shape), and next-auth's JSON redirect protocol
 * (`{"url": …}`, e.g. a 401 for a failed Credentials sign-in with `?error=CredentialsSignin`),
 * which its client — our sign-in form — reads (design §5: those endpoints are next-auth's).
 */
async function isSpecifiedJson(response: Response): Promise<boolean> {
  if (!/^application\/json\b/i.test(response.headers.get("content-type") ?? "")) return false;
  try {
    const body = (await response.clone().json()) as { error?: { code?: unknown; message?: unknown }; url?: unknown } | null;
    if (typeof body?.url === "string" && response.status < 500) return true;
    return typeof body?.error?.code === "string" && typeof body.error.message === "string";
  } catch {
    return false;
  }
}

export async function withNextAuthErrorShape(response: Response): Promise<Response> {
  if (response.status < 400 || (await isSpecifiedJson(response))) return response;
  if (response.status >= 500) console.error(`[next-auth] answered ${response.status} (${response.headers.get("content-type") ?? "no content type"})`);
  const code = codeByStatus[response.status] ?? (response.status >= 500 ? "internal_error" : "bad_request");
  const message = response.status >= 500 ? "Something went wrong on our side." : "This sign-in request is not supported.";
  const headers = new Headers(response.headers);
  headers.set("content-type", "application/json");
  headers.set("cache-control", "no-store");
  headers.delete("content-length");
  return new Response(JSON.stringify(errorBody(code, message)), { status: response.status, headers });
}
