// External sites' sessions (README, "External sites"). An external site has no cookie of ours:
// the exchange creates a site_sessions row for that site, linked to the reader's SSO token,
// and returns its secret as an opaque SESSION HANDLE that the external backend keeps
// server-side (never in the browser) and sends with its later server-to-server calls. From
// then on an external site's session is a site session like any other: the same site-context
// query, the same Auto Login rule, status, use_sso and logout scopes, the same revocation.
import { z } from "zod";
import { hashSecret, isWellFormedSecret } from "@/lib/security/secrets";
import { statusRequests } from "@/lib/observability/sso-metrics";
import { loginWithSso } from "@/lib/sso/login-with-sso";
import { logout } from "@/lib/sso/logout";
import { logoutScopes, ssoModes, type LogoutScope } from "@/lib/sso/modes";
import { applyAutoLogin } from "@/lib/sso/apply-auto-login";
import { loadSiteContext, type SiteContext } from "@/lib/sso/site-context";
import { getSsoStatusBody, ssoStatusBodySchema } from "@/lib/sso/sso-status";
import { ApiError } from "@/lib/errors";
import type { AuthenticatedClient } from "./site-client";

/** A session handle: a 256-bit secret, base64url (what lib/security/secrets.ts generates). */
export const sessionHandleSchema = z
  .string()
  .max(64)
  .meta({ description: "The opaque session handle (256-bit secret) from /sso/exchange. Keep it server-side; it is as good as a session cookie." });

/** Every server-to-server answer: the reader's SSO status on the external site, plus its session handle. */
export const externalSessionBodySchema = ssoStatusBodySchema.extend({
  session: z
    .string()
    .nullable()
    .meta({
      description:
        "The session handle to keep from now on. It changes when the session gains privilege (sign-in) or is replaced (logout); null: the session ended (expired, revoked, or signed out elsewhere) — drop it and start a new handshake on the reader's next page view.",
    }),
  mode: z.enum(ssoModes).meta({ description: "The SSO mode in force for this site." }),
});
export type ExternalSessionBody = z.infer<typeof externalSessionBodySchema>;

export type ExternalSession = { context: SiteContext; handle: string | null };

/**
 * The external site's session a handle names, scoped to the calling client's site (a handle of
 * another site names nothing here). Applies Auto Login exactly like a site's own request does,
 * rotating the handle when the session gains privilege.
 */
export async function resolveExternalSession(options: { client: AuthenticatedClient; handle: string | null | undefined }): Promise<ExternalSession> {
  const handle = isWellFormedSecret(options.handle) ? options.handle : null;
  const context = await loadSiteContext({ siteId: options.client.siteId, sessionHash: handle ? hashSecret(handle) : null });
  if (!context) throw new ApiError("unknown_site", "This site is no longer registered.");
  if (!context.session) return { context, handle: null };
  const signedIn = await applyAutoLogin({ context, secret: handle });
  return { context: signedIn.context, handle: signedIn.secret };
}

/** A live session is required (use_sso, logout); a dead handle is a 409 the kit answers by dropping it. */
export function requireSession(session: ExternalSession): asserts session is ExternalSession & { handle: string } {
  if (!session.handle || !session.context.session) throw new ApiError("not_linked", "This session handle names no live session; start a new handshake.");
}

export function externalSessionBody(session: ExternalSession): ExternalSessionBody {
  return { ...getSsoStatusBody(session.context), session: session.handle, mode: session.context.site.mode };
}

export const externalStatusRequestSchema = z.strictObject({
  session: sessionHandleSchema.optional().meta({ description: "Absent: no session yet — the answer still tells the mode, so the site knows whether to start a handshake." }),
});
export const externalLoginRequestSchema = z.strictObject({ session: sessionHandleSchema, use_sso: z.literal(true) });
export const externalLogoutRequestSchema = z.strictObject({
  session: sessionHandleSchema,
  where: z.enum(logoutScopes).optional().meta({ description: "As POST /api/logout on a site; absent: the mode's default." }),
});
export const externalLogoutResponseSchema = externalSessionBodySchema.extend({ where: z.enum(logoutScopes), revokedSessions: z.int().min(0) });

/** POST /sso/session/status. */
export async function getExternalStatus(options: { client: AuthenticatedClient; handle: string | undefined }): Promise<ExternalSessionBody> {
  const session = await resolveExternalSession({ client: options.client, handle: options.handle });
  const body = externalSessionBody(session);
  statusRequests.inc({ channel: "external", status: body.status });
  return body;
}

/** POST /sso/session/login {"use_sso": true}: the same rule as a site's use_sso; the handle rotates. */
export async function loginExternalWithSso(options: { client: AuthenticatedClient; handle: string }): Promise<ExternalSessionBody> {
  const session = await resolveExternalSession({ client: options.client, handle: options.handle });
  requireSession(session);
  const result = await loginWithSso(session.context);
  return externalSessionBody({ context: result.context, handle: result.secret });
}

/** POST /sso/session/logout: the same scopes as a site's logout; the answer carries the fresh anonymous session's handle (or null). */
export async function logoutExternal(options: {
  client: AuthenticatedClient;
  handle: string;
  where: LogoutScope | undefined;
  ip: string;
}): Promise<z.infer<typeof externalLogoutResponseSchema>> {
  const session = await resolveExternalSession({ client: options.client, handle: options.handle });
  requireSession(session);
  const result = await logout({ context: session.context, where: options.where, ip: options.ip, userAgent: null });
  const handle = result.secret ?? session.handle;
  // Read the state back rather than predict it (other sites may still be signed in).
  const after = await resolveExternalSession({ client: options.client, handle });
  return { ...externalSessionBody(after), where: result.scope, revokedSessions: result.revokedSessions };
}
