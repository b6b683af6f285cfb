// The account page's view of a reader's sign-ins across the organisation's sites and devices,
// and the sites they signed a browser out of (lib/sso/site-sign-out.ts).
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { isLiveSiteSession, isLiveSsoToken } from "@/lib/sso/live-rows";
import { readTokenMeta } from "@/lib/sso/token-meta";
import type { AuthMethod } from "@/lib/generated/prisma/enums.ts";

export type ReaderSessionRow = {
  id: string;
  siteId: string;
  siteName: string;
  siteHost: string | null;
  browser: string;
  deviceKind: DeviceKind | null;
  lastSeenAt: Date;
  signedInAt: Date | null;
  authMethod: AuthMethod | null;
  isCurrent: boolean;
  isThisDevice: boolean;
  ssoTokenId: string | null;
};

type SessionRow = {
  id: string; site_id: string; user_agent: string | null; last_seen_at: Date; signed_in_at: Date | null; auth_method: AuthMethod | null;
  sso_token_id: string | null; site_name: string; site_host: string | null;
};

const LIVE_SESSION = Prisma.raw(isLiveSiteSession("ss", "o"));
const LIVE_TOKEN = Prisma.raw(isLiveSsoToken("t"));

export function describeUserAgent(userAgent: string | null): string {
  if (!userAgent) return "Unknown browser";
  const browser = /Edg\//.test(userAgent) ? "Edge" : /Firefox\//.test(userAgent) ? "Firefox" : /Chrom(e|ium)\//.test(userAgent) ? "Chrome" : /Safari\//.test(userAgent) ? "Safari" : "Browser";
  // iOS before macOS (an iPhone says "like Mac OS X"), Android before Linux.
  const os = /Windows/.test(userAgent) ? "Windows" : /iPhone|iPad|iPod/.test(userAgent) ? "iOS" : /Mac OS X/.test(userAgent) ? "macOS" : /Android/.test(userAgent) ? "Android" : /Linux/.test(userAgent) ? "Linux" : "";
  return os ? `${browser} on ${os}` : browser;
}

export type DeviceKind = "phone" | "tablet" | "computer";

/**
 * The coarse kind of device a user agent names, or null when it does not say. A few patterns of
 * our own (no user-agent database: the label is a hint for the reader, never a decision).
 * Tablets first: an iPad, or Android without "Mobile" (Android phones say "Mobile").
 */
export function deviceKindOf(userAgent: string | null): DeviceKind | null {
  if (!userAgent) return null;
  if (/iPad|Tablet|Android(?!.*Mobile)/.test(userAgent)) return "tablet";
  if (/iPhone|iPod|Android|Mobile|Windows Phone/.test(userAgent)) return "phone";
  if (/Windows|Macintosh|Mac OS X|CrOS|Linux|X11/.test(userAgent)) return "computer";
  return null;
}

export async function listReaderSessions(options: {
  orgId: string;
  readerId: string;
  currentSessionId: string;
  currentTokenId: string | null;
}): Promise<ReaderSessionRow[]> {
  // Live by lib/sso/live-rows.ts: an idle session is signed out already, so it is not listed as a sign-in.
  const sessions = await db.$queryRaw<SessionRow[]>`
    SELECT ss.id::text AS id, ss.site_id::text AS site_id, ss.user_agent, ss.last_seen_at, ss.signed_in_at,
           ss.auth_method::text AS auth_method, ss.sso_token_id::text AS sso_token_id, s.name AS site_name,
           (SELECT h.hostname FROM site_hostnames h WHERE h.site_id = s.id AND h.is_primary LIMIT 1) AS site_host
      FROM site_sessions ss
      JOIN sites s ON s.id = ss.site_id
      JOIN organizations o ON o.id = ss.org_id
     WHERE ss.org_id = ${options.orgId}::uuid AND ss.reader_id = ${options.readerId}::uuid AND ${LIVE_SESSION}
     ORDER BY ss.last_seen_at DESC
     LIMIT 100`;
  return sessions.map((s) => ({
    id: s.id,
    siteId: s.site_id,
    siteName: s.site_name,
    siteHost: s.site_host,
    browser: describeUserAgent(s.user_agent),
    deviceKind: deviceKindOf(s.user_agent),
    lastSeenAt: s.last_seen_at,
    signedInAt: s.signed_in_at,
    authMethod: s.auth_method,
    isCurrent: s.id === options.currentSessionId,
    isThisDevice: s.id === options.currentSessionId || (options.currentTokenId !== null && s.sso_token_id === options.currentTokenId),
    ssoTokenId: s.sso_token_id,
  }));
}

/**
 * For each of the given browsers (SSO tokens of this reader), the sites the reader signed it
 * out of from this page, by name, so the page can say what stays signed out where.
 */
export async function listSignedOutSites(options: { orgId: string; readerId: string; tokenIds: string[] }): Promise<Map<string, { siteId: string; siteName: string }[]>> {
  const result = new Map<string, { siteId: string; siteName: string }[]>();
  if (options.tokenIds.length === 0) return result;
  const tokens = await db.$queryRaw<{ id: string; meta: unknown }[]>`
    SELECT t.id::text AS id, t.meta FROM sso_tokens t
     WHERE t.id = ANY(${options.tokenIds}::uuid[]) AND t.org_id = ${options.orgId}::uuid AND t.reader_id = ${options.readerId}::uuid
       AND ${LIVE_TOKEN}`;
  const siteIds = [...new Set(tokens.flatMap((t) => readTokenMeta(t.meta).signedOutSites))];
  if (siteIds.length === 0) return result;
  const sites = await db.site.findMany({ where: { orgId: options.orgId, id: { in: siteIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id)) } }, select: { id: true, name: true } });
  const names = new Map(sites.map((s) => [s.id, s.name]));
  for (const token of tokens) {
    const signedOut = readTokenMeta(token.meta).signedOutSites.flatMap((siteId) => {
      const siteName = names.get(siteId);
      return siteName ? [{ siteId, siteName }] : [];
    });
    if (signedOut.length > 0) result.set(token.id, signedOut);
  }
  return result;
}
