// The account page's view of a reader's sign-ins across the organisation's sites and devices,
// and the sites they signed a browser out of (lib/sso/site-sign-out.ts).
import { db } from "@/lib/db/client";
import { readTokenMeta } from "@/lib/sso/token-meta";
import type { AuthMethod } from "@/lib/generated/prisma/enums.ts";

export type ReaderSessionRow = {
  id: string;
  siteId: string;
  siteName: string;
  siteHost: string | null;
  browser: string;
  lastSeenAt: Date;
  signedInAt: Date | null;
  authMethod: AuthMethod | null;
  isCurrent: boolean;
  isThisDevice: boolean;
  ssoTokenId: string | null;
};

export function describeUserAgent(userAgent: string | null): string {
  if (!userAgent) return "Unknown browser";
  const browser = /Edg\//.test(userAgent) ? "Edge" : /Firefox\//.test(userAgent) ? "Firefox" : /Chrom(e|ium)\//.test(userAgent) ? "Chrome" : /Safari\//.test(userAgent) ? "Safari" : "Browser";
  // iOS before macOS (an iPhone says "like Mac OS X"), Android before Linux.
  const os = /Windows/.test(userAgent) ? "Windows" : /iPhone|iPad|iPod/.test(userAgent) ? "iOS" : /Mac OS X/.test(userAgent) ? "macOS" : /Android/.test(userAgent) ? "Android" : /Linux/.test(userAgent) ? "Linux" : "";
  return os ? `${browser} on ${os}` : browser;
}

export async function listReaderSessions(options: {
  orgId: string;
  readerId: string;
  currentSessionId: string;
  currentTokenId: string | null;
}): Promise<ReaderSessionRow[]> {
  const sessions = await db.siteSession.findMany({
    where: { orgId: options.orgId, readerId: options.readerId, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { lastSeenAt: "desc" },
    take: 100,
    select: {
      id: true, siteId: true, userAgent: true, lastSeenAt: true, signedInAt: true, authMethod: true, ssoTokenId: true,
      site: { select: { name: true, hostnames: { where: { isPrimary: true }, select: { hostname: true }, take: 1 } } },
    },
  });
  return sessions.map((s) => ({
    id: s.id,
    siteId: s.siteId,
    siteName: s.site.name,
    siteHost: s.site.hostnames[0]?.hostname ?? null,
    browser: describeUserAgent(s.userAgent),
    lastSeenAt: s.lastSeenAt,
    signedInAt: s.signedInAt,
    authMethod: s.authMethod,
    isCurrent: s.id === options.currentSessionId,
    isThisDevice: s.id === options.currentSessionId || (options.currentTokenId !== null && s.ssoTokenId === options.currentTokenId),
    ssoTokenId: s.ssoTokenId,
  }));
}

/**
 * For each of the given browsers (SSO tokens of this reader), the sites the reader signed it
 * out of from this page, by name, so the page can say what stays signed out where.
 */
export async function listSignedOutSites(options: { orgId: string; readerId: string; tokenIds: string[] }): Promise<Map<string, { siteId: string; siteName: string }[]>> {
  const result = new Map<string, { siteId: string; siteName: string }[]>();
  if (options.tokenIds.length === 0) return result;
  const tokens = await db.ssoToken.findMany({
    where: { id: { in: options.tokenIds }, orgId: options.orgId, readerId: options.readerId, revokedAt: null },
    select: { id: true, meta: true },
  });
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
