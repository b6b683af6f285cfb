// GET /sso/handshake on the auth domain: find or create this browser's SSO token, mint a
// one-time token (OTT) bound to the asking site, its organisation and the state nonce, and
// send the browser to the site's REGISTERED callback — never to a URL from the query.
import { z } from "zod";
import { preparedStatement, queryPrepared } from "@/lib/db/prepared";
import type { SsoMode } from "@/lib/generated/prisma/enums.ts";
import { ApiError, toApiError } from "@/lib/errors";
import { handshakesAnswered } from "@/lib/observability/sso-metrics";
import { consumeRateLimit } from "@/lib/security/rate-limit";
import { OTT_MINT_PER_IP, OTT_MINT_PER_TOKEN } from "@/lib/security/rate-limits";
import { generateSecret, hashSecret, isWellFormedSecret } from "@/lib/security/secrets";
import { getEffectiveMode } from "./modes";
import { createSsoToken, touchLiveSsoToken } from "./sso-tokens";

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

type SiteRow = {
  id: string;
  callback_url: string;
  kind: string;
  sso_enabled: boolean;
  mode_override: SsoMode | null;
  org_id: string;
  org_mode: SsoMode;
  ott_ttl_seconds: number;
  token_absolute_seconds: number;
};

// Scoped to this auth domain's organisation: a site of another organisation is simply not found.
const FIND_SITE = preparedStatement(
  "handshake_site",
  `SELECT s.id::text AS id, s.callback_url, s.kind::text AS kind, s.sso_enabled, s.sso_mode_override AS mode_override,
          o.id::text AS org_id, o.sso_mode AS org_mode, o.ott_ttl_seconds, o.sso_token_absolute_seconds AS token_absolute_seconds
     FROM sites s JOIN organizations o ON o.id = s.org_id
    WHERE s.org_id = $1::uuid AND s.slug = $2`,
);

const INSERT_OTT = preparedStatement(
  "insert_ott",
  `INSERT INTO one_time_tokens (org_id, site_id, sso_token_id, token_hash, state_hash, expires_at)
   VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, now() + make_interval(secs => $6::int))`,
);

async function mint(options: MintOptions): Promise<HandshakeOutcome & { siteKind: string }> {
  await assertWithinLimit(`ott-mint:ip:${options.ip}`, OTT_MINT_PER_IP);

  const site = (await queryPrepared<SiteRow>(FIND_SITE, [options.orgId, options.query.site]))[0];
  if (!site) throw new ApiError("unknown_site", "This site does not use this sign-on domain.");
  const mode = getEffectiveMode({ orgMode: site.org_mode, siteSsoEnabled: site.sso_enabled, siteModeOverride: site.mode_override });
  if (mode === "disabled") throw new ApiError("sso_disabled", "Single sign-on is not enabled for this site.");

  // The browser's token if it is live (its idle time reset), else a new one.
  let tokenId = isWellFormedSecret(options.tokenSecret) ? await touchLiveSsoToken({ secret: options.tokenSecret, orgId: site.org_id }) : null;
  let newTokenSecret: string | null = null;
  if (!tokenId) {
    const created = await createSsoToken(site.org_id);
    tokenId = created.id;
    newTokenSecret = created.secret;
  }
  await assertWithinLimit(`ott-mint:token:${tokenId}`, OTT_MINT_PER_TOKEN);

  const ott = generateSecret();
  await queryPrepared(INSERT_OTT, [site.org_id, site.id, tokenId, hashSecret(ott), hashSecret(options.query.state), site.ott_ttl_seconds]);

  const redirect = new URL(site.callback_url);
  redirect.searchParams.set("ott", ott);
  redirect.searchParams.set("state", options.query.state);
  return { redirectTo: redirect.toString(), newTokenSecret, tokenMaxAgeSeconds: site.token_absolute_seconds, siteKind: site.kind };
}
