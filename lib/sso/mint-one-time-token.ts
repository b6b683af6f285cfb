// GET /sso/handshake on the auth domain: find or create this browser's SSO token, mint a
// one-time token (OTT) bound to the asking site, its organisation and the state nonce, and
// send the browser to the site's REGISTERED callback — never to a URL from the query.
import { z } from "zod";
import { db } from "@/lib/db/client";
import { ApiError, toApiError } from "@/lib/errors";
import { handshakesAnswered } from "@/lib/observability/sso-metrics";
import { consumeRateLimit } from "@/lib/security/rate-limit";
import { OTT_MINT_PER_IP, OTT_MINT_PER_TOKEN } from "@/lib/security/rate-limits";
import { generateSecret, hashSecret, isWellFormedSecret } from "@/lib/security/secrets";
import { getEffectiveMode } from "./modes";

export const handshakeQuerySchema = z.strictObject({
  site: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "site must be a site slug"),
  state: z.string().refine(isWellFormedSecret, "state must be a 256-bit base64url nonce"),
});

export type HandshakeQuery = z.infer<typeof handshakeQuerySchema>;

export type HandshakeOutcome = {
  redirectTo: string;
  /** Set when a new SSO token was created: the secret for the auth domain's cookie. */
  newTokenSecret: string | null;
  tokenMaxAgeSeconds: number;
};

async function assertWithinLimit(key: string, limit: { limit: number; windowSeconds: number }): Promise<void> {
  const result = await consumeRateLimit({ key, ...limit });
  if (!result.allowed) throw new ApiError("rate_limited", `Too many sign-on attempts; try again in ${result.retryAfterSeconds} s.`);
}

type MintOptions = {
  orgId: string;
  query: HandshakeQuery;
  tokenSecret: string | null;
  ip: string;
};

export async function mintOneTimeToken(options: MintOptions): Promise<HandshakeOutcome> {
  try {
    const outcome = await mint(options);
    handshakesAnswered.inc({ outcome: "minted", site_kind: outcome.siteKind });
    return outcome;
  } catch (error) {
    handshakesAnswered.inc({ outcome: toApiError(error).code, site_kind: "unknown" });
    throw error;
  }
}

async function mint(options: MintOptions): Promise<HandshakeOutcome & { siteKind: string }> {
  await assertWithinLimit(`ott-mint:ip:${options.ip}`, OTT_MINT_PER_IP);

  const site = await db.site.findUnique({
    where: { orgId_slug: { orgId: options.orgId, slug: options.query.site } },
    select: { id: true, callbackUrl: true, ssoEnabled: true, ssoModeOverride: true, kind: true, org: true },
  });
  // A site of another organisation is simply not found here: the lookup is scoped to this auth domain's organisation.
  if (!site) throw new ApiError("unknown_site", "This site does not use this sign-on domain.");
  const org = site.org;
  const mode = getEffectiveMode({ orgMode: org.ssoMode, siteSsoEnabled: site.ssoEnabled, siteModeOverride: site.ssoModeOverride });
  if (mode === "disabled") throw new ApiError("sso_disabled", "Single sign-on is not enabled for this site.");

  const now = new Date();
  const idleCutoff = new Date(now.getTime() - org.ssoTokenIdleSeconds * 1000);
  const existing = isWellFormedSecret(options.tokenSecret)
    ? await db.ssoToken.findFirst({
        where: { secretHash: hashSecret(options.tokenSecret), orgId: org.id, revokedAt: null, expiresAt: { gt: now }, lastSeenAt: { gt: idleCutoff } },
        select: { id: true },
      })
    : null;
  let tokenId = existing?.id ?? null;
  let newTokenSecret: string | null = null;
  if (!tokenId) {
    newTokenSecret = generateSecret();
    const created = await db.ssoToken.create({
      data: { orgId: org.id, secretHash: hashSecret(newTokenSecret), expiresAt: new Date(now.getTime() + org.ssoTokenAbsoluteSeconds * 1000) },
      select: { id: true },
    });
    tokenId = created.id;
  } else {
    await db.ssoToken.update({ where: { id: tokenId }, data: { lastSeenAt: now }, select: { id: true } });
  }
  await assertWithinLimit(`ott-mint:token:${tokenId}`, OTT_MINT_PER_TOKEN);

  const ott = generateSecret();
  await db.oneTimeToken.create({
    data: {
      orgId: org.id,
      siteId: site.id,
      ssoTokenId: tokenId,
      tokenHash: hashSecret(ott),
      stateHash: hashSecret(options.query.state),
      expiresAt: new Date(now.getTime() + org.ottTtlSeconds * 1000),
    },
    select: { id: true },
  });

  const redirect = new URL(site.callbackUrl);
  redirect.searchParams.set("ott", ott);
  redirect.searchParams.set("state", options.query.state);
  return { redirectTo: redirect.toString(), newTokenSecret, tokenMaxAgeSeconds: org.ssoTokenAbsoluteSeconds, siteKind: site.kind };
}
