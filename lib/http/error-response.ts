// Errors answered before any route runs (proxy): JSON with the error shape for API paths,
// a plain, self-contained HTML page for everything else. Also the auth domain's plain pages.
import { errorBody, SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS, type ErrorCode } from "@/lib/errors";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function isApiPath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/");
}

export function plainErrorResponse(options: {
  status: number;
  code: ErrorCode;
  message: string;
  pathname: string;
  headers?: Record<string, string>;
  /** The error shape even off /api. */
  json?: boolean;
}): Response {
  const retryAfter: Record<string, string> = options.code === "service_unavailable" ? { "retry-after": String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS) } : {};
  const headers: Record<string, string> = { "cache-control": "no-store", "x-content-type-options": "nosniff", ...retryAfter, ...options.headers };
  if (options.json || isApiPath(options.pathname)) {
    return Response.json(errorBody(options.code, options.message), { status: options.status, headers });
  }
  return plainHtmlResponse({
    status: options.status,
    title: String(options.status),
    heading: `${options.status} — ${options.message}`,
    paragraphs: [],
    code: options.code,
    headers,
  });
}

/** A small self-contained HTML page (no script, no external resource); text is escaped here. */
export function plainHtmlResponse(options: {
  status: number;
  title: string;
  heading: string;
  paragraphs: string[];
  code?: string;
  headers?: Record<string, string>;
}): Response {
  const paragraphs = options.paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`).join("");
  const code = options.code === undefined ? "" : `<p>Error code: <code>${escapeHtml(options.code)}</code></p>`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(options.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;margin:4rem auto;max-width:36rem;padding:0 1rem;color:#222}h1{font-size:1.4rem}</style>
</head><body><h1>${escapeHtml(options.heading)}</h1>${paragraphs}${code}</body></html>`;
  return new Response(html, {
    status: options.status,
    headers: { "cache-control": "no-store", "x-content-type-options": "nosniff", ...options.headers, "content-type": "text/html; charset=utf-8" },
  });
}
