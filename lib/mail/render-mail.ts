// A message's HTML and plain text, in the site's colours and name. Mail clients ignore style
// sheets, so styles are inline; every value is escaped; the link is also written out in full
// (in both parts), for clients that show no buttons and readers who check where it goes.
import type { MailBody } from "./seal";
import type { MailContent } from "./messages";

export type MailBrand = { siteName: string; themeColor: string; logoText: string };

const SAFE_COLOUR = /^#[0-9a-f]{3,8}$/i;
const DEFAULT_COLOUR = "#1f4e8c";

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

export function renderMail(content: MailContent, brand: MailBrand): MailBody {
  const colour = SAFE_COLOUR.test(brand.themeColor) ? brand.themeColor : DEFAULT_COLOUR;
  const text = [
    brand.siteName,
    "",
    content.heading,
    "",
    ...content.paragraphs.flatMap((p) => [p, ""]),
    ...(content.action ? [`${content.action.label}: ${content.action.url}`, ""] : []),
    ...(content.code ? [`Code: ${content.code}`, ""] : []),
    "--",
    content.footer,
    "",
  ].join("\n");

  const paragraph = (p: string) => `<p style="margin:0 0 16px;font-size:16px;line-height:1.5;color:#222">${escapeHtml(p)}</p>`;
  const action = content.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="display:inline-block;background:${colour};color:#fff;text-decoration:none;font-weight:600;font-size:16px;padding:12px 20px;border-radius:6px">${escapeHtml(content.action.label)}</a></p>` +
      `<p style="margin:0 0 16px;font-size:13px;line-height:1.5;color:#555">Or open this address: <a href="${escapeHtml(content.action.url)}" style="color:${colour};word-break:break-all">${escapeHtml(content.action.url)}</a></p>`
    : "";
  const code = content.code
    ? `<p style="margin:0 0 16px;font-size:28px;letter-spacing:6px;font-weight:700;font-family:ui-monospace,Menlo,monospace;color:#222" aria-label="Code ${escapeHtml(content.code.split("").join(" "))}">${escapeHtml(content.code)}</p>`
    : "";
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(content.subject)}</title></head>` +
    `<body style="margin:0;padding:0;background:#f4f4f4;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f4f4"><tr><td align="center" style="padding:24px 12px">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#fff;border-radius:8px;overflow:hidden">` +
    `<tr><td style="background:${colour};padding:16px 24px;color:#fff;font-weight:700;font-size:20px;letter-spacing:1px">${escapeHtml(brand.logoText)}</td></tr>` +
    `<tr><td style="padding:24px">` +
    `<h1 style="margin:0 0 16px;font-size:22px;color:#111">${escapeHtml(content.heading)}</h1>` +
    content.paragraphs.map(paragraph).join("") +
    action +
    code +
    `<p style="margin:24px 0 0;padding-top:16px;border-top:1px solid #e5e5e5;font-size:13px;line-height:1.5;color:#666">${escapeHtml(content.footer)}</p>` +
    `</td></tr></table>` +
    `<p style="font-size:12px;color:#888;margin:12px 0 0">${escapeHtml(brand.siteName)}</p>` +
    `</td></tr></table></body></html>`;
  return { text, html };
}
