// A reader's own sessions as JSON (GET /api/account/sessions): where they are signed in — site,
// a coarse device label, last seen, "this one" — and the verbs on them. The account page reads
// this very answer (components/site/account-sessions-list.tsx), and the Zephr-compatible
// sessions endpoints are aliases of it (docs/zephr-compat.md). Liveness is lib/sso/live-rows.ts's
// (through listReaderSessions); ending sessions is lib/sso/revoke-sessions.ts's (through
// revokeOwnSession and the logout verb).
import { z } from "zod";
import type { SiteContext } from "@/lib/sso/site-context";
import { logout } from "@/lib/sso/logout";
import { listReaderSessions, listSignedOutSites, type ReaderSessionRow } from "./list-reader-sessions";
import { requireSignedIn } from "./require-signed-in";

const authMethods = ["password", "register", "sso_auto", "sso_opt_in", "email_link", "password_reset"] as const satisfies readonly NonNullable<ReaderSessionRow["authMethod"]>[];

export const ownSessionSchema = z.object({
  id: z.uuid(),
  site: z.object({ id: z.uuid(), name: z.string(), host: z.string().nullable() }),
  device: z.object({
    label: z.string().meta({ description: "Browser and system from the user agent, e.g. \"Chrome on Android\"." }),
    kind: z.enum(["phone", "tablet", "computer"]).nullable().meta({ description: "Coarse; null when the user agent does not say." }),
  }),
  browserId: z.uuid().nullable().meta({ description: "The browser (SSO token) the session belongs to: sessions with the same id are one browser; null when linked to none." }),
  lastSeenAt: z.iso.datetime(),
  signedInAt: z.iso.datetime().nullable(),
  method: z.enum(authMethods).nullable().meta({ description: "How the session was signed in." }),
  thisOne: z.boolean().meta({ description: "The session of this very request." }),
  thisBrowser: z.boolean().meta({ description: "A session of this browser (this one, or this browser on another site)." }),
});
export type OwnSession = z.infer<typeof ownSessionSchema>;

export const ownSessionsResponseSchema = z.object({
  sessions: z.array(ownSessionSchema).meta({ description: "Live sessions of the signed-in reader on the organisation's sites, newest first (at most 100)." }),
  signedOutSites: z
    .record(z.string(), z.array(z.object({ siteId: z.uuid(), siteName: z.string() })))
    .meta({ description: "By browserId: the sites the reader signed that browser out of (they stay signed out there until the reader signs in on them)." }),
});
export type OwnSessions = z.infer<typeof ownSessionsResponseSchema>;

export const revokeOtherSessionsResponseSchema = z.object({ revokedSessions: z.int().min(0) });

function toOwnSession(row: ReaderSessionRow): OwnSession {
  return {
    id: row.id,
    site: { id: row.siteId, name: row.siteName, host: row.siteHost },
    device: { label: row.browser, kind: row.deviceKind },
    browserId: row.ssoTokenId,
    lastSeenAt: row.lastSeenAt.toISOString(),
    signedInAt: row.signedInAt?.toISOString() ?? null,
    method: row.authMethod,
    thisOne: row.isCurrent,
    thisBrowser: row.isThisDevice,
  };
}

/** The signed-in reader's live sessions (401 when this request is not signed in). */
export async function listOwnSessions(context: SiteContext): Promise<OwnSessions> {
  const { readerId, sessionId } = requireSignedIn(context);
  const orgId = context.site.orgId;
  const currentTokenId = context.token?.id ?? null;
  const rows = await listReaderSessions({ orgId, readerId, currentSessionId: sessionId, currentTokenId });
  const tokenIds = [...new Set([...rows.flatMap((r) => (r.ssoTokenId ? [r.ssoTokenId] : [])), ...(currentTokenId ? [currentTokenId] : [])])];
  const signedOut = await listSignedOutSites({ orgId, readerId, tokenIds });
  return { sessions: rows.map(toOwnSession), signedOutSites: Object.fromEntries(signedOut) };
}

/**
 * "Sign out of all other sessions": the logout verb's OTHER_DEVICES — every session of the reader
 * except this browser's, their browsers' sign-ons unbound, audited as logout.other_devices. It is
 * the reader securing their account, so it is offered whatever the SSO mode (as a new password
 * ends the other devices: lib/sso/logout.ts).
 */
export async function revokeOtherSessions(options: { context: SiteContext; ip: string; userAgent: string | null }): Promise<{ revokedSessions: number }> {
  requireSignedIn(options.context);
  const result = await logout({ context: options.context, where: "OTHER_DEVICES", ip: options.ip, userAgent: options.userAgent, because: "revoke_other_sessions" });
  return { revokedSessions: result.revokedSessions };
}
