// GET /api/sso/status semantics (design §5), derived from the site context alone.
import { z } from "zod";
import type { SiteContext } from "./site-context";
import { readTokenMeta } from "./token-meta";

export const ssoStatuses = ["unknown", "known", "authenticated"] as const;
export type SsoStatus = (typeof ssoStatuses)[number];

export const ssoHintSchema = z
  .object({
    email: z.string().optional().meta({ description: "The reader's email, masked (a•••@example.com)." }),
    name: z.string().optional().meta({ description: "The reader's display name." }),
    site: z.string().optional().meta({ description: "The site where the reader signed in most recently." }),
  })
  .meta({ description: "What the Opt In prompt may show about the other sign-on: only what the organisation allows." });
export type SsoHint = z.infer<typeof ssoHintSchema>;

export const ssoUserSchema = z.object({ id: z.uuid(), email: z.string(), displayName: z.string().nullable() });

/** The body of GET /api/sso/status (design §5), also the core of every other SSO answer. */
export const ssoStatusBodySchema = z.object({
  status: z.enum(ssoStatuses).meta({
    description:
      "unknown: not linked, or the SSO token is authenticated nowhere. known: anonymous here, signed in on another site. authenticated: signed in here and linked.",
  }),
  meta: z.object({
    reader: z.record(z.string(), z.unknown()).meta({ description: "The reader-writable part of the SSO token's meta (PUT /api/sso/status/meta)." }),
    hint: ssoHintSchema.optional(),
    promptDismissed: z.boolean().optional().meta({ description: "known only: the reader chose Not now on this site." }),
  }),
  user: ssoUserSchema.nullable().meta({ description: "Present only when authenticated." }),
});
export type SsoStatusBody = z.infer<typeof ssoStatusBodySchema>;

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
