// Errors answered before any route runs (proxy): JSON with the error shape for API paths,
// a plain, self-contained HTML page for everything else.
import { errorBody, type ErrorCode } from "@/lib/errors";

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
}): Response {
  const headers = { "cache-control": "no-store", "x-content-type-options": "nosniff", ...options.headers };
  if (isApiPath(options.pathname)) {
    return Response.json(errorBody(options.code, options.message), { status: options.status, headers });
  }
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${options.status}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;margin:4rem auto;max-width:36rem;padding:0 1rem;color:#222}h1{font-size:1.4rem}</style>
</head><body><h1>${options.status} — ${escapeHtml(options.message)}</h1><p>Error code: <code>${escapeHtml(options.code)}</code></p></body></html>`;
  return new Response(html, {
    status: options.status,
    headers: { ...headers, "content-type": "text/html; charset=utf-8" },
  });
}
