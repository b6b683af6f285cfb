// Errors answered before any route runs (proxy): JSON with the error shape for API paths,
// a plain, self-contained HTML page for everything else. Also the auth domain's plain pages.
import { errorBody, SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS, type ErrorCode } from "@/lib/errors";
import { zephrErrorBody } from "@/lib/zephr/error-body";
import { classifyPath } from "./path-kind";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
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
  const path = classifyPath(options.pathname, null);
  if (options.json || path.jsonErrors) {
    const body = path.kind === "zephr" ? zephrErrorBody(options.code, options.message) : errorBody(options.code, options.message);
    return Response.json(body, { status: options.status, headers });
  }
  return plainHtmlResponse({
    status: options.status,
    title: plainTitle(options.status),
    heading: options.message,
    paragraphs: [nextStep(options.status, options.code)],
    code: options.code,
    headers,
  });
}

/** A title a person understands, by status (the tab shows it; "404" alone says little). */
function plainTitle(status: number): string {
  if (status === 404) return "Page not found";
  if (status === 405) return "Not available this way";
  if (status === 429) return "Too many requests";
  if (status === 503) return "Temporarily unavailable";
  if (status >= 500) return "Something went wrong";
  return "This request could not be answered";
}

/** One sentence on what the reader can do now. */
function nextStep(status: number, code: ErrorCode): string {
  if (code === "unknown_host") return "No website is set up at this address. Check it for a typo, or go back to the page you came from.";
  if (status === 404) return "Check the address for a typo, or go back to the page you came from.";
  if (status === 429 || status === 503) return "This is temporary. Wait a moment, then try again.";
  if (status >= 500) return "Try again in a moment. If it keeps happening, the site's team has the details.";
  return "Go back to the page you came from and try again.";
}

/** A small self-contained HTML page (no script, no external resource); text is escaped here. */
export function plainHtmlResponse(options: {
  status: number;
  title: string;
  heading: string;
  paragraphs: string[];
  /** A list of links after the paragraphs (the demo's host index). */
  links?: { href: string; text: string }[];
  code?: string;
  headers?: Record<string, string>;
}): Response {
  const links = options.links?.length
    ? `<ul>${options.links.map((link) => `<li><a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></li>`).join("")}</ul>`
    : "";
  const paragraphs = options.paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`).join("") + links;
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
