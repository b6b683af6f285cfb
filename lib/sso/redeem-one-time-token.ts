// The rule for "may this OTT be redeemed?", shared by both ways an OTT comes back:
//   - GET /sso/callback on a site of this app (the browser brings it; `redeemAtCallback`), and
//   - POST /sso/exchange on the auth domain (an external site's backend brings it;
//     lib/sso/external/exchange-one-time-token.ts).
// An OTT is consumed by ONE conditional UPDATE … RETURNING (unused, unexpired, this site, this
// organisation, this state), so of any number of concurrent redemptions exactly one wins.
// Consuming and linking happen in one transaction: there is never a used OTT without its link.
// A refusal is diagnosed, counted against the caller's failure budget, recorded as a security
// event, and a replay revokes the session the first redemption created.
import type { PoolClient } from "pg";
import { z } from "zod";
import type { AuthMethod, SsoMode } from "@/lib/generated/prisma/enums.ts";
import { preparedStatement, queryPrepared } from "@/lib/db/prepared";
import { runPgTransaction } from "@/lib/db/transaction";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { AuditEventType } from "@/lib/audit/audit-event-types";
import { ottRedemptions } from "@/lib/observability/sso-metrics";
import { consumeRateLimit, peekRateLimit } from "@/lib/security/rate-limit";
import { OTT_FAILURE_PER_IP, OTT_FAILURE_PER_TOKEN, type RateLimitRule } from "@/lib/security/rate-limits";
import { hashSecret, isWellFormedSecret, secretsEqual } from "@/lib/security/secrets";
import type { HandshakeState } from "./handshake-state";
import { isLiveSsoToken } from "./live-rows";
import { revokeSessions } from "./revoke-sessions";
import { getEffectiveMode } from "./modes";
import { createAnonymousSession, linkSessionToToken, lockSessionLink, markHandshakeFailed, signInSession } from "./site-sessions";
import { forgetSiteSignOut } from "./site-sign-out";
import { resolveMergedSsoToken, authenticateSsoToken, mergeSsoTokens } from "./sso-tokens";

/** How long after its use a replayed OTT still revokes what it linked (a short window: design §3). */
export const REPLAY_REVOCATION_WINDOW_SECONDS = 300;

export type RedeemFailure = "state_mismatch" | "invalid" | "expired" | "replayed" | "foreign" | "rate_limited" | "sso_disabled";

export type RedeemResult =
  | { ok: true; sessionId: string; newSessionSecret: string | null }
  | { ok: false; reason: RedeemFailure };

/** The callback's query, as the auth domain sends it (a repeated parameter counts as missing). */
export const callbackQuerySchema = z.object({
  ott: z.string().meta({ description: "The one-time token (256-bit, base64url)." }),
  state: z.string().meta({ description: "The state nonce this site put in its state cookie when it started the handshake." }),
});

/** callback: a site of this app, the browser brings the OTT. exchange: an external site's backend brings it. */
export type RedeemChannel = "callback" | "exchange";

const auditTypeOf: Partial<Record<RedeemFailure, AuditEventType>> = {
  state_mismatch: "sso.state_mismatch",
  invalid: "sso.ott_invalid",
  expired: "sso.ott_expired",
  replayed: "sso.ott_replayed",
  foreign: "sso.ott_foreign",
};

/** What the caller's `link` step gets: the live SSO token the OTT carried, inside the consuming transaction. */
export type LinkInput = {
  tx: PoolClient;
  token: { id: string; readerId: string | null };
  org: { sessionAbsoluteSeconds: number };
  /** Set when a hosted sign-in minted the OTT (lib/sso/hosted-sign-in.ts): the link also signs the session in, by this method. */
  signInMethod: AuthMethod | null;
};

export type LinkResult = { sessionId: string; newSessionSecret: string | null };

export type RedeemOptions = {
  channel: RedeemChannel;
  site: { id: string; orgId: string };
  ott: string | null;
  state: string | null;
  ip: string;
  /**
   * The caller's failure budget. A browser's callback counts against its IP; an exchange
   * counts against the external site's client (its backend speaks for all its readers, so
   * one IP would be one whole site).
   */
  failureBucket: { key: string; rule: RateLimitRule };
  /** Links (or creates) the site session to the token, in the consuming transaction. */
  link: (input: LinkInput) => Promise<LinkResult>;
  /** Called on any refusal (e.g. the browser's session remembers the failed handshake). */
  onFailure?: () => Promise<void>;
};

type ConsumedRow = {
  ott_id: string;
  token_id: string | null;
  token_reader_id: string | null;
  org_mode: SsoMode;
  sso_enabled: boolean;
  mode_override: SsoMode | null;
  session_absolute_seconds: number;
  sign_in_method: AuthMethod | null;
};

// Consumes the OTT and reads, in the same statement, what deciding the link needs: the token
// it carried if still live, and the site's mode as it is now (a mode changed since the
// handshake began is in force). Of concurrent redemptions, the row lock lets exactly one match.
const CONSUME_OTT = preparedStatement(
  "consume_ott",
  `WITH consumed AS (
     UPDATE one_time_tokens SET used_at = now()
      WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
        AND site_id = $2::uuid AND org_id = $3::uuid AND state_hash = $4
     RETURNING id, sso_token_id, sign_in_method)
   SELECT c.id::text AS ott_id, c.sign_in_method, t.id::text AS token_id, t.reader_id::text AS token_reader_id,
          o.sso_mode AS org_mode, s.sso_enabled, s.sso_mode_override AS mode_override,
          o.session_absolute_seconds
     FROM consumed c
     JOIN sites s ON s.id = $2::uuid
     JOIN organizations o ON o.id = s.org_id
     LEFT JOIN sso_tokens t ON t.id = c.sso_token_id AND ${isLiveSsoToken("t")}`,
);

/** Which session the OTT made: a later replay revokes it. */
const RECORD_REDEMPTION = preparedStatement("record_ott_redemption", `UPDATE one_time_tokens SET redeemed_session_id = $2::uuid WHERE id = $1::uuid`);

/** The shared core: consume the OTT (one UPDATE … RETURNING) and link, or diagnose and record the refusal. */
export async function redeemOneTimeToken(options: RedeemOptions): Promise<RedeemResult> {
  const result = await redeem(options);
  ottRedemptions.inc({ channel: options.channel, outcome: result.ok ? "ok" : result.reason });
  return result;
}

async function redeem(options: RedeemOptions): Promise<RedeemResult> {
  const { site, ip, failureBucket } = options;
  if ((await peekRateLimit({ key: failureBucket.key, ...failureBucket.rule })).allowed === false) {
    return { ok: false, reason: "rate_limited" };
  }
  const fail = async (reason: RedeemFailure, extra: { ssoTokenId?: string; orgId?: string } = {}): Promise<RedeemResult> => {
    // Nothing crosses organisations: another organisation's token is neither counted nor named here.
    const sameOrg = extra.orgId === undefined || extra.orgId === site.orgId;
    await consumeRateLimit({ key: failureBucket.key, ...failureBucket.rule });
    if (extra.ssoTokenId && sameOrg) await consumeRateLimit({ key: `ott-fail:token:${extra.ssoTokenId}`, ...OTT_FAILURE_PER_TOKEN });
    const type = auditTypeOf[reason];
    if (type) {
      await recordAuditEvent({ orgId: site.orgId, type, siteId: site.id, ip, data: { reason, channel: options.channel, crossOrganisation: !sameOrg } });
    }
    await options.onFailure?.();
    return { ok: false, reason };
  };

  // Login CSRF defence first: a state the caller cannot vouch for ends it before the OTT is looked at.
  if (!isWellFormedSecret(options.state)) return fail("state_mismatch");
  if (!isWellFormedSecret(options.ott)) return fail("invalid");
  const ottHash = hashSecret(options.ott);
  const stateHash = hashSecret(options.state);

  type Linked = ({ kind: "linked" } & LinkResult) | { kind: "refused"; reason: RedeemFailure } | null;
  const linked = await runPgTransaction(async (tx): Promise<Linked> => {
    const row = (await queryPrepared<ConsumedRow>(CONSUME_OTT, [ottHash, site.id, site.orgId, stateHash], tx))[0];
    if (!row) return null;
    const mode = getEffectiveMode({ orgMode: row.org_mode, siteSsoEnabled: row.sso_enabled, siteModeOverride: row.mode_override });
    if (!row.token_id || mode === "disabled") return { kind: "refused", reason: mode === "disabled" ? "sso_disabled" : "invalid" };

    const result = await options.link({ tx, token: { id: row.token_id, readerId: row.token_reader_id }, org: { sessionAbsoluteSeconds: row.session_absolute_seconds }, signInMethod: row.sign_in_method });
    await queryPrepared(RECORD_REDEMPTION, [row.ott_id, result.sessionId], tx);
    return { kind: "linked", ...result };
  });

  if (linked?.kind === "linked") return { ok: true, sessionId: linked.sessionId, newSessionSecret: linked.newSessionSecret };
  if (linked?.kind === "refused") return fail(linked.reason);
  return diagnoseRefusal({ ottHash, stateHash, siteId: site.id, fail });
}

type DiagnosedOtt = {
  site_id: string;
  org_id: string;
  sso_token_id: string;
  state_hash: Uint8Array;
  redeemed_session_id: string | null;
  used: boolean;
  used_recently: boolean;
  expired: boolean;
};

// The OTT as it is, judged on the database's clock (the one that stamped used_at and expires_at).
const DIAGNOSE_OTT = preparedStatement(
  "diagnose_ott",
  `SELECT site_id::text AS site_id, org_id::text AS org_id, sso_token_id::text AS sso_token_id, state_hash,
          redeemed_session_id::text AS redeemed_session_id, used_at IS NOT NULL AS used,
          COALESCE(used_at >= now() - make_interval(secs => $2::int), false) AS used_recently, expires_at <= now() AS expired
     FROM one_time_tokens WHERE token_hash = $1`,
);

/** Why was nothing consumed? Each answer is recorded; a replay also revokes what the first redemption created. */
async function diagnoseRefusal(options: {
  ottHash: Uint8Array<ArrayBuffer>;
  stateHash: Uint8Array<ArrayBuffer>;
  siteId: string;
  fail: (reason: RedeemFailure, extra?: { ssoTokenId?: string; orgId?: string }) => Promise<RedeemResult>;
}): Promise<RedeemResult> {
  const ott = (await queryPrepared<DiagnosedOtt>(DIAGNOSE_OTT, [options.ottHash, REPLAY_REVOCATION_WINDOW_SECONDS]))[0];
  if (!ott) return options.fail("invalid");
  const extra = { ssoTokenId: ott.sso_token_id, orgId: ott.org_id };
  if (ott.site_id !== options.siteId) return options.fail("foreign", extra);
  // A replay must carry a state valid for this OTT before it may cost anyone anything: the
  // callback URL alone (a proxy log, shared history) is not enough to sign its owner out.
  if (!Buffer.from(ott.state_hash).equals(Buffer.from(options.stateHash))) return options.fail("state_mismatch", extra);
  if (ott.used) {
    // Someone else holds a copy of this OTT with its state: whoever redeemed it first is not
    // trustworthy either, so the session it linked loses its link and any sign-in that came
    // through SSO — not a password sign-in it did not make — and only while the use is recent
    // (a browser retrying after the server committed is the common case, and harmless later).
    const sessionId = ott.redeemed_session_id;
    if (sessionId && ott.used_recently) {
      await runPgTransaction((tx) => revokeSessions({ scope: "replayed_link", sessionId }, tx));
    }
    return options.fail("replayed", extra);
  }
  if (ott.expired) return options.fail("expired", extra);
  return options.fail("invalid", extra);
}

/** One security event per address per window: the login-CSRF signal, without a log anyone can fill. */
const STATE_MISMATCH_AUDIT_PER_IP: RateLimitRule = { limit: 1, windowSeconds: 300 };

/**
 * A callback whose state names no handshake of this browser (a forged or shared link, a login
 * CSRF attempt, a state cookie gone): refused before the OTT is looked at. Anyone can make a
 * browser open such a URL (a link, an <img>), so it counts against no address's failure budget;
 * it is recorded as a security event at most once per address per window. (The caller marks the
 * browser's own handshake failed, so that a browser whose state cookies are lost never loops.)
 */
async function refuseForeignState(options: { site: { id: string; orgId: string }; ip: string }): Promise<RedeemResult> {
  ottRedemptions.inc({ channel: "callback", outcome: "state_mismatch" });
  const first = await consumeRateLimit({ key: `state-mismatch-audit:ip:${options.ip}`, ...STATE_MISMATCH_AUDIT_PER_IP });
  if (first.allowed) {
    await recordAuditEvent({ orgId: options.site.orgId, type: "sso.state_mismatch", siteId: options.site.id, ip: options.ip, data: { reason: "state_mismatch", channel: "callback" } });
  }
  return { ok: false, reason: "state_mismatch" };
}

/**
 * GET /sso/callback on a site of this app: the browser's own record of the handshake it
 * started (the sso_state cookie) must name the same state (login CSRF defence), then the
 * browser's site session is linked — or a new one created when it has none.
 */
export async function redeemAtCallback(options: {
  site: { id: string; orgId: string };
  ott: string | null;
  state: string | null;
  /** The site's own record of the handshake it started (sso_state cookie). */
  handshake: HandshakeState | null;
  /** This browser's live site session on this site, if any. */
  session: { id: string; readerId: string | null } | null;
  userAgent: string | null;
  ip: string;
}): Promise<RedeemResult> {
  const { site, session } = options;
  const markFailed = async () => {
    if (session) await markHandshakeFailed(session.id);
  };
  const stateMatches = options.handshake !== null && options.state !== null && secretsEqual(options.handshake.state, options.state);
  if (!stateMatches) {
    // No loops: this browser's own handshake (if any) is not retried at once.
    await markFailed();
    return refuseForeignState({ site, ip: options.ip });
  }
  return redeemOneTimeToken({
    channel: "callback",
    site,
    ott: options.ott,
    state: options.state,
    ip: options.ip,
    failureBucket: { key: `ott-fail:ip:${options.ip}`, rule: OTT_FAILURE_PER_IP },
    onFailure: markFailed,
    link: async ({ tx, token: carried, org, signInMethod }) => {
      // The OTT may have been minted for a token that another tab's callback has merged since:
      // link the token it now stands for (waiting for that merge to commit), never the merged one.
      // Locks in the merge's order: the session's row first, then the tokens'.
      const linkedTo = session ? await lockSessionLink(session.id, tx) : null;
      const token = (await resolveMergedSsoToken(carried.id, tx)) ?? carried;
      if (session) {
        // Linked meanwhile by another tab's callback to another anonymous token: the tabs' first
        // handshakes each made one, and this browser holds both; they become one (sso-tokens.ts).
        const merged = linkedTo !== null && (await mergeSsoTokens({ keepId: linkedTo, otherId: token.id }, tx));
        const tokenId = merged ? linkedTo : token.id;
        await linkSessionToToken({ sessionId: session.id, tokenId }, tx);
        // A signed-in session that joins SSO authenticates the token (the latest sign-in wins).
        // A hosted sign-in: the reader signed in on the auth domain for this site; the token speaks for them.
        if (signInMethod && token.readerId) {
          return { sessionId: session.id, newSessionSecret: await signInLinkedSession({ sessionId: session.id, tokenId, readerId: token.readerId, siteId: site.id, method: signInMethod }, tx) };
        }
        if (session.readerId && (merged || token.readerId !== session.readerId)) {
          await authenticateSsoToken({ tokenId, readerId: session.readerId }, tx);
        }
        return { sessionId: session.id, newSessionSecret: null };
      }
      const created = await createAnonymousSession(
        { orgId: site.orgId, siteId: site.id, absoluteSeconds: org.sessionAbsoluteSeconds, userAgent: options.userAgent, ssoTokenId: token.id },
        tx,
      );
      if (signInMethod && token.readerId) {
        return { sessionId: created.id, newSessionSecret: await signInLinkedSession({ sessionId: created.id, tokenId: token.id, readerId: token.readerId, siteId: site.id, method: signInMethod }, tx) };
      }
      return { sessionId: created.id, newSessionSecret: created.secret };
    },
  });
}

/**
 * A hosted sign-in's OTT signs the site session in as the token's reader, with a new secret (a
 * gain of privilege rotates it), and undoes an earlier "Sign out of this site" on this browser
 * (as a sign-in on the site itself does: lib/sso/complete-sign-in.ts).
 */
async function signInLinkedSession(options: { sessionId: string; tokenId: string; readerId: string; siteId: string; method: AuthMethod }, tx: PoolClient): Promise<string> {
  const secret = await signInSession({ sessionId: options.sessionId, readerId: options.readerId, method: options.method }, tx);
  if (!secret) throw new Error("a live session locked in this transaction could not be signed in");
  await forgetSiteSignOut({ tokenId: options.tokenId, siteId: options.siteId }, tx);
  return secret;
}
