// GET /sso/handshake on the auth domain: find or create this browser's SSO token, mint a
// one-time token (OTT) bound to the asking site, its organisation and the state nonce, and
// send the browser to the site's REGISTERED callback — never to a URL from the query. A
// refused handshake of a known site (rate limit, SSO off) goes back to that callback too, with
// `error` instead of an OTT: the site renders the page unlinked, and a reader never lands on an
// error page of the auth domain (design §3).
import { z } from "zod";
import { preparedStatement, queryPrepared } from "@/lib/db/prepared";
import type { SsoMode } from "@/lib/generated/prisma/enums.ts";
import { ApiError, toApiError } from "@/lib/errors";
import { handshakesAnswered } from "@/lib/observability/sso-metrics";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { consumeAndPeekRateLimits, consumeRateLimit, type RateLimitResult } from "@/lib/security/rate-limit";
import { OTT_FAILURE_PER_TOKEN, OTT_MINT_PER_IP, OTT_MINT_PER_TOKEN, type RateLimitRule } from "@/lib/security/rate-limits";
import { generateSecret, hashSecret, isWellFormedSecret } from "@/lib/security/secrets";
import { getEffectiveMode } from "./modes";
import { createSsoToken, rotateSsoTokenSecret, touchLiveSsoTokenSql } from "./sso-tokens";

export const handshakeQuerySchema = z.strictObject({
  site: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "site must be a site slug"),
  state: z.string().refine(isWellFormedSecret, "state must be a 256-bit base64url nonce"),
});

export type HandshakeQuery = z.infer<typeof handshakeQuerySchema>;

export type HandshakeOutcome = {
  /** The site's registered callback: with an OTT, or with `error` when the handshake was refused. */
  redirectTo: string;
  /** Set when a new SSO token was created or its secret rotated: the secret for the auth domain's cookie. */
  newTokenSecret: string | null;
  tokenMaxAgeSeconds: number;
};

/** Why a handshake was refused, as the site's callback receives it in `error` (design §3). */
export type HandshakeRefusal = "rate_limited" | "sso_disabled";

/**
 * The auth domain answers handshakes only to top-level navigations when the browser says what
 * a request is (fetch metadata): an <img>, a fetch or a frame of another page is refused before
 * anything is counted, so no page can spend its visitors' budgets (design §3).
 */
export function isHandshakeNavigation(headers: Headers): boolean {
  const destination = headers.get("sec-fetch-dest");
  const mode = headers.get("sec-fetch-mode");
  if (destination === null && mode === null) return true;
  return destination === "document" && mode === "navigate";
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
    handshakesAnswered.inc({ outcome: outcome.refusal ?? "minted", site_kind: outcome.siteKind });
    return outcome;
  } catch (error) {
    handshakesAnswered.inc({ outcome: toApiError(error).code, site_kind: "unknown" });
    throw error;
  }
}

type SiteAndTokenRow = {
  id: string;
  callback_url: string;
  kind: string;
  sso_enabled: boolean;
  mode_override: SsoMode | null;
  org_id: string;
  org_mode: SsoMode;
  ott_ttl_seconds: number;
  token_absolute_seconds: number;
  /** The browser's token, when live (touched by the same statement), and whether to rotate its secret. */
  token_id: string | null;
  token_rotate: boolean | null;
};

// The two lookups every handshake starts with, in one round trip: the site, scoped to this auth
// domain's organisation (a site of another organisation is simply not found), and the browser's
// token if it is live, its idle time reset (lib/sso/sso-tokens.ts's touch) — only when the site
// exists, so an unknown site's handshake changes nothing. An impossible (empty) hash finds no token.
const FIND_SITE_AND_TOKEN = preparedStatement(
  "handshake_site_and_token",
  `WITH site AS (
     SELECT s.id::text AS id, s.callback_url, s.kind::text AS kind, s.sso_enabled, s.sso_mode_override AS mode_override,
            o.id::text AS org_id, o.sso_mode AS org_mode, o.ott_ttl_seconds, o.sso_token_absolute_seconds AS token_absolute_seconds
       FROM sites s JOIN organizations o ON o.id = s.org_id
      WHERE s.org_id = $1::uuid AND s.slug = $2),
   touched AS (${touchLiveSsoTokenSql("$3", "$1::uuid", "EXISTS (SELECT 1 FROM site)")})
   SELECT site.*, touched.id AS token_id, touched.rotate AS token_rotate FROM site LEFT JOIN touched ON true`,
);

const INSERT_OTT = preparedStatement(
  "insert_ott",
  `INSERT INTO one_time_tokens (org_id, site_id, sso_token_id, token_hash, state_hash, expires_at)
   VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, now() + make_interval(secs => $6::int))`,
);

type LimitContext = { rule: RateLimitRule; orgId: string; siteId: string; ip: string; bucket: string };

/** Within the limit? A refusal is recorded once per window (the first one), so a flood cannot fill the audit log. */
async function allowedOrRecorded(result: RateLimitResult, options: LimitContext): Promise<boolean> {
  if (result.allowed) return true;
  if (result.count === options.rule.limit + 1) {
    await recordAuditEvent({ orgId: options.orgId, type: "sso.rate_limited", siteId: options.siteId, ip: options.ip, data: { bucket: options.bucket, limit: options.rule.limit, windowSeconds: options.rule.windowSeconds } });
  }
  return false;
}

async function mint(options: MintOptions): Promise<HandshakeOutcome & { siteKind: string; refusal: HandshakeRefusal | null }> {
  const tokenHash = isWellFormedSecret(options.tokenSecret) ? hashSecret(options.tokenSecret) : new Uint8Array(0);
  const site = (await queryPrepared<SiteAndTokenRow>(FIND_SITE_AND_TOKEN, [options.orgId, options.query.site, tokenHash]))[0];
  // No registered callback to send the browser back to: the only answer is a plain page.
  if (!site) throw new ApiError("unknown_site", "This site does not use this sign-on domain.");
  const refuse = (refusal: HandshakeRefusal) => {
    const redirect = new URL(site.callback_url);
    redirect.searchParams.set("error", refusal);
    redirect.searchParams.set("state", options.query.state);
    return { redirectTo: redirect.toString(), newTokenSecret: null, tokenMaxAgeSeconds: site.token_absolute_seconds, siteKind: site.kind, refusal };
  };
  const mode = getEffectiveMode({ orgMode: site.org_mode, siteSsoEnabled: site.sso_enabled, siteModeOverride: site.mode_override });
  if (mode === "disabled") return refuse("sso_disabled");
  const limit = { orgId: site.org_id, siteId: site.id, ip: options.ip };

  // The browser's token if it is live (touched above). Its handshakes count against the token
  // itself, never against the address it shares with others (an office, a carrier NAT); only a
  // browser that needs a NEW token counts against its address.
  let tokenId: string;
  let newTokenSecret: string | null = null;
  if (site.token_id) {
    // A browser whose OTTs keep failing (replayed, foreign, expired) is stuck or being replayed
    // against: no more OTTs for it this window; its site renders unlinked instead of looping.
    // Both checks in one round trip: the handshake is a hot path.
    const [minting, failing] = await consumeAndPeekRateLimits(
      { key: `ott-mint:token:${site.token_id}`, ...OTT_MINT_PER_TOKEN },
      { key: `ott-fail:token:${site.token_id}`, ...OTT_FAILURE_PER_TOKEN },
    );
    if (!(await allowedOrRecorded(minting, { ...limit, rule: OTT_MINT_PER_TOKEN, bucket: "mint_per_token" })) || !failing.allowed) return refuse("rate_limited");
    tokenId = site.token_id;
    if (site.token_rotate && options.tokenSecret) newTokenSecret = await rotateSsoTokenSecret({ tokenId, currentSecret: options.tokenSecret });
  } else {
    const perIp = await consumeRateLimit({ key: `ott-mint:ip:${options.ip}`, ...OTT_MINT_PER_IP });
    if (!(await allowedOrRecorded(perIp, { ...limit, rule: OTT_MINT_PER_IP, bucket: "mint_per_ip" }))) return refuse("rate_limited");
    const created = await createSsoToken(site.org_id);
    tokenId = created.id;
    newTokenSecret = created.secret;
  }

  const ott = generateSecret();
  await queryPrepared(INSERT_OTT, [site.org_id, site.id, tokenId, hashSecret(ott), hashSecret(options.query.state), site.ott_ttl_seconds]);

  const redirect = new URL(site.callback_url);
  redirect.searchParams.set("ott", ott);
  redirect.searchParams.set("state", options.query.state);
  return { redirectTo: redirect.toString(), newTokenSecret, tokenMaxAgeSeconds: site.token_absolute_seconds, siteKind: site.kind, refusal: null };
}
