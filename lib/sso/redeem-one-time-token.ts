// GET /sso/callback on a site: the rule for "may this OTT be redeemed?" and the linking that
// follows. An OTT is consumed by ONE conditional UPDATE … RETURNING (unused, unexpired, this
// site, this state), so of any number of concurrent redemptions exactly one wins. Consuming
// and linking happen in one transaction: there is never a used OTT without its link.
import { db } from "@/lib/db/client";
import { runTransaction } from "@/lib/db/transaction";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { AuditEventType } from "@/lib/audit/audit-event-types";
import { consumeRateLimit, peekRateLimit } from "@/lib/security/rate-limit";
import { OTT_FAILURE_PER_IP, OTT_FAILURE_PER_TOKEN } from "@/lib/security/rate-limits";
import { hashSecret, isWellFormedSecret, secretsEqual } from "@/lib/security/secrets";
import type { HandshakeState } from "./handshake-state";
import { getEffectiveMode } from "./modes";
import { createAnonymousSession } from "./site-sessions";

export type RedeemFailure = "state_mismatch" | "invalid" | "expired" | "replayed" | "foreign" | "rate_limited" | "sso_disabled";

export type RedeemResult =
  | { ok: true; sessionId: string; newSessionSecret: string | null }
  | { ok: false; reason: RedeemFailure };

const auditTypeOf: Partial<Record<RedeemFailure, AuditEventType>> = {
  state_mismatch: "sso.state_mismatch",
  invalid: "sso.ott_invalid",
  expired: "sso.ott_expired",
  replayed: "sso.ott_replayed",
  foreign: "sso.ott_foreign",
};

type ConsumedRow = { id: string; sso_token_id: string };

export async function redeemOneTimeToken(options: {
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
  const { site, ip } = options;
  if ((await peekRateLimit({ key: `ott-fail:ip:${ip}`, ...OTT_FAILURE_PER_IP })).allowed === false) {
    return { ok: false, reason: "rate_limited" };
  }
  const fail = async (reason: RedeemFailure, extra: { ssoTokenId?: string; orgId?: string } = {}): Promise<RedeemResult> => {
    // Nothing crosses organisations: another organisation's token is neither counted nor named here.
    const sameOrg = extra.orgId === undefined || extra.orgId === site.orgId;
    await consumeRateLimit({ key: `ott-fail:ip:${ip}`, ...OTT_FAILURE_PER_IP });
    if (extra.ssoTokenId && sameOrg) await consumeRateLimit({ key: `ott-fail:token:${extra.ssoTokenId}`, ...OTT_FAILURE_PER_TOKEN });
    const type = auditTypeOf[reason];
    if (type) await recordAuditEvent({ orgId: site.orgId, type, siteId: site.id, ip, data: { reason, crossOrganisation: !sameOrg } });
    if (options.session) {
      await db.siteSession.update({ where: { id: options.session.id }, data: { handshakeFailedAt: new Date() }, select: { id: true } });
    }
    return { ok: false, reason };
  };

  // Login CSRF defence: the state must be the one THIS browser's site session started.
  if (!options.handshake || !options.state || !secretsEqual(options.handshake.state, options.state)) return fail("state_mismatch");
  if (!isWellFormedSecret(options.ott)) return fail("invalid");
  const ottHash = hashSecret(options.ott);
  const stateHash = hashSecret(options.state);

  type Linked = { kind: "linked"; sessionId: string; newSessionSecret: string | null } | { kind: "refused"; reason: RedeemFailure } | null;
  const linked = await runTransaction(async (tx): Promise<Linked> => {
    const consumed = await tx.$queryRaw<ConsumedRow[]>`
      UPDATE one_time_tokens SET used_at = now()
       WHERE token_hash = ${ottHash} AND used_at IS NULL AND expires_at > now()
         AND site_id = ${site.id}::uuid AND org_id = ${site.orgId}::uuid AND state_hash = ${stateHash}
      RETURNING id::text AS id, sso_token_id::text AS sso_token_id`;
    const row = consumed[0];
    if (!row) return null;

    const token = await tx.ssoToken.findFirst({
      where: { id: row.sso_token_id, revokedAt: null, expiresAt: { gt: new Date() } },
      select: { id: true, readerId: true },
    });
    const siteRow = await tx.site.findUniqueOrThrow({ where: { id: site.id }, select: { ssoEnabled: true, ssoModeOverride: true, org: { select: { ssoMode: true, sessionAbsoluteSeconds: true } } } });
    const mode = getEffectiveMode({ orgMode: siteRow.org.ssoMode, siteSsoEnabled: siteRow.ssoEnabled, siteModeOverride: siteRow.ssoModeOverride });
    if (!token || mode === "disabled") return { kind: "refused", reason: mode === "disabled" ? "sso_disabled" : "invalid" };

    let sessionId = options.session?.id ?? null;
    let newSessionSecret: string | null = null;
    if (sessionId) {
      await tx.siteSession.update({ where: { id: sessionId }, data: { ssoTokenId: token.id, handshakeFailedAt: null }, select: { id: true } });
      // A signed-in session that joins SSO authenticates the token (the latest sign-in wins).
      if (options.session?.readerId && token.readerId !== options.session.readerId) {
        await tx.ssoToken.update({ where: { id: token.id }, data: { readerId: options.session.readerId }, select: { id: true } });
      }
    } else {
      const created = await createAnonymousSession(
        { orgId: site.orgId, siteId: site.id, absoluteSeconds: siteRow.org.sessionAbsoluteSeconds, userAgent: options.userAgent, ssoTokenId: token.id },
        tx,
      );
      sessionId = created.id;
      newSessionSecret = created.secret;
    }
    await tx.oneTimeToken.update({ where: { id: row.id }, data: { redeemedSessionId: sessionId }, select: { id: true } });
    return { kind: "linked", sessionId, newSessionSecret };
  });

  if (linked?.kind === "linked") return { ok: true, sessionId: linked.sessionId, newSessionSecret: linked.newSessionSecret };
  if (linked?.kind === "refused") return fail(linked.reason);
  return diagnoseRefusal({ ottHash, stateHash, siteId: site.id, fail });
}

/** Why was nothing consumed? Each answer is recorded; a replay also revokes what the first redemption created. */
async function diagnoseRefusal(options: {
  ottHash: Uint8Array<ArrayBuffer>;
  stateHash: Uint8Array<ArrayBuffer>;
  siteId: string;
  fail: (reason: RedeemFailure, extra?: { ssoTokenId?: string; orgId?: string }) => Promise<RedeemResult>;
}): Promise<RedeemResult> {
  const ott = await db.oneTimeToken.findUnique({
    where: { tokenHash: options.ottHash },
    select: { siteId: true, orgId: true, ssoTokenId: true, usedAt: true, expiresAt: true, stateHash: true, redeemedSessionId: true },
  });
  if (!ott) return options.fail("invalid");
  const extra = { ssoTokenId: ott.ssoTokenId, orgId: ott.orgId };
  if (ott.siteId !== options.siteId) return options.fail("foreign", extra);
  if (ott.usedAt) {
    // Someone else holds a copy of this callback URL: whichever browser redeemed it first is
    // not trustworthy either, so the session it created loses its link and its sign-in.
    if (ott.redeemedSessionId) {
      await db.siteSession.updateMany({ where: { id: ott.redeemedSessionId, revokedAt: null }, data: { revokedAt: new Date() } });
    }
    return options.fail("replayed", extra);
  }
  if (!Buffer.from(ott.stateHash).equals(Buffer.from(options.stateHash))) return options.fail("state_mismatch", extra);
  if (ott.expiresAt <= new Date()) return options.fail("expired", extra);
  return options.fail("invalid", extra);
}
