// The account page's view of a reader's sign-ins across the organisation's sites and devices.
import { db } from "@/lib/db/client";
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
};

export function describeUserAgent(userAgent: string | null): string {
  if (!userAgent) return "Unknown browser";
  const browser = /Edg\//.test(userAgent) ? "Edge" : /Firefox\//.test(userAgent) ? "Firefox" : /Chrom(e|ium)\//.test(userAgent) ? "Chrome" : /Safari\//.test(userAgent) ? "Safari" : "Browser";
  const os = /Windows/.test(userAgent) ? "Windows" : /Mac OS X/.test(userAgent) ? "macOS" : /Android/.test(userAgent) ? "Android" : /iPhone|iPad/.test(userAgent) ? "iOS" : /Linux/.test(userAgent) ? "Linux" : "";
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
  }));
}
