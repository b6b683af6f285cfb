// Site sessions as a handful of verbs: create (anonymous), sign in (rotating the secret),
// sign out (revoke), and the cookie that carries the secret. Secrets are returned once, to be
// put in the cookie, and only their hash is stored.
import { db } from "@/lib/db/client";
import type { AuthMethod } from "@/lib/generated/prisma/enums.ts";
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import { signIns } from "@/lib/observability/sso-metrics";
import { generateSecret, hashSecret } from "@/lib/security/secrets";

type Client = Prisma.TransactionClient | typeof db;

export type NewSiteSession = { id: string; secret: string };

export async function createAnonymousSession(
  options: {
    orgId: string;
    siteId: string;
    absoluteSeconds: number;
    userAgent: string | null;
    ssoTokenId?: string | null;
    handshakeStarted?: boolean;
  },
  client: Client = db,
): Promise<NewSiteSession> {
  const secret = generateSecret();
  const now = new Date();
  const session = await client.siteSession.create({
    data: {
      orgId: options.orgId,
      siteId: options.siteId,
      secretHash: hashSecret(secret),
      ssoTokenId: options.ssoTokenId ?? null,
      userAgent: options.userAgent?.slice(0, 512) ?? null,
      handshakeStartedAt: options.handshakeStarted ? now : null,
      expiresAt: new Date(now.getTime() + options.absoluteSeconds * 1000),
    },
    select: { id: true },
  });
  return { id: session.id, secret };
}

/**
 * Signs a live session in as `readerId` and rotates its secret (design §7: the session id
 * changes whenever a session gains privilege). `onlyIfAnonymous` makes the automatic paths
 * (Auto Login, use_sso) race-safe: of two concurrent requests, one signs in and the other
 * changes nothing. Returns the new secret, or null when the session was not eligible.
 */
export async function signInSession(
  options: { sessionId: string; readerId: string; method: AuthMethod; onlyIfAnonymous?: boolean },
  client: Client = db,
): Promise<string | null> {
  const secret = generateSecret();
  const updated = await client.siteSession.updateMany({
    where: {
      id: options.sessionId,
      revokedAt: null,
      expiresAt: { gt: new Date() },
      ...(options.onlyIfAnonymous ? { readerId: null } : {}),
    },
    data: {
      secretHash: hashSecret(secret),
      readerId: options.readerId,
      authMethod: options.method,
      signedInAt: new Date(),
      lastSeenAt: new Date(),
    },
  });
  if (updated.count !== 1) return null;
  signIns.inc({ method: options.method });
  return secret;
}

export async function markHandshakeStarted(sessionId: string): Promise<void> {
  await db.siteSession.update({ where: { id: sessionId }, data: { handshakeStartedAt: new Date() }, select: { id: true } });
}
