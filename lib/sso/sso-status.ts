// GET /api/sso/status semantics (design §5), derived from the site context alone.
import type { SiteContext } from "./site-context";
import { readTokenMeta } from "./token-meta";

export type SsoStatus = "unknown" | "known" | "authenticated";

export type SsoHint = { email?: string; name?: string; site?: string };

export type SsoStatusBody = {
  status: SsoStatus;
  meta: { reader: Record<string, unknown>; hint?: SsoHint; promptDismissed?: boolean };
  user: { id: string; email: string; displayName: string | null } | null;
};

export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "•••";
  return `${email[0]}•••${email.slice(at)}`;
}

export function getSsoStatus(context: SiteContext): SsoStatus {
  const { session, token } = context;
  if (!session || !token) return "unknown";
  if (session.readerId !== null) return "authenticated";
  return token.isAuthenticated ? "known" : "unknown";
}

export function getSsoStatusBody(context: SiteContext): SsoStatusBody {
  const status = getSsoStatus(context);
  const meta = readTokenMeta(context.token?.meta);
  const body: SsoStatusBody = { status, meta: { reader: meta.reader }, user: null };
  if (status === "authenticated" && context.reader) {
    body.user = { id: context.reader.id, email: context.reader.email, displayName: context.reader.displayName };
  }
  if (status === "known" && context.reader) {
    // Only what the organisation allows the prompt to reveal about the other sign-on.
    const { promptReveal } = context.site;
    const hint: SsoHint = {};
    if (promptReveal.email) hint.email = maskEmail(context.reader.email);
    if (promptReveal.name && context.reader.displayName) hint.name = context.reader.displayName;
    if (promptReveal.site && context.token?.authenticatedSiteName) hint.site = context.token.authenticatedSiteName;
    body.meta.hint = hint;
    body.meta.promptDismissed = meta.promptDismissedSites.includes(context.site.id);
  }
  return body;
}
