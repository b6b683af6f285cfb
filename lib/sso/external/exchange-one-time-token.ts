// POST /sso/exchange on the auth domain: an external site's backend redeems the OTT its
// callback received. Same rule as a site's callback (lib/sso/redeem-one-time-token.ts: one
// UPDATE … RETURNING, bound to this site, organisation and state; replays revoke), with the
// client's credentials in place of the browser's host: the OTT must have been minted for the
// very site whose secret the caller holds. The external site checks the state against its
// own cookie first (the kit does); we check that the OTT was minted for that state.
import { z } from "zod";
import { ApiError } from "@/lib/errors";
import { OTT_EXCHANGE_FAILURE_PER_CLIENT } from "@/lib/security/rate-limits";
import { redeemOneTimeToken } from "@/lib/sso/redeem-one-time-token";
import { createAnonymousSession } from "@/lib/sso/site-sessions";
import { resolveExternalSession, type ExternalSession } from "./external-session";
import type { AuthenticatedClient } from "./site-client";

export const exchangeBodySchema = z.strictObject({
  ott: z.string().max(256).meta({ description: "The `ott` query parameter the external site's callback received." }),
  state: z.string().max(256).meta({
    description:
      "The state nonce of the handshake (the `state` query parameter, after the site checked it against its own state cookie). Sent as is: we compare its SHA-256 with the one stored when the OTT was minted, so a leak of our stored hash cannot redeem anything.",
  }),
  userAgent: z.string().max(512).optional().meta({ description: "The reader's browser User-Agent, shown to the reader in their list of sessions." }),
});
export type ExchangeBody = z.infer<typeof exchangeBodySchema>;

export async function exchangeOneTimeToken(options: { client: AuthenticatedClient; body: ExchangeBody; ip: string }): Promise<ExternalSession> {
  const { client, body } = options;
  const result = await redeemOneTimeToken({
    channel: "exchange",
    site: { id: client.siteId, orgId: client.orgId },
    ott: body.ott,
    state: body.state,
    ip: options.ip,
    failureBucket: { key: `ott-fail:client:${client.siteId}`, rule: OTT_EXCHANGE_FAILURE_PER_CLIENT },
    // The external backend has no session of ours yet: every exchange starts a new one, linked.
    link: async ({ tx, token, org }) => {
      const created = await createAnonymousSession(
        { orgId: client.orgId, siteId: client.siteId, absoluteSeconds: org.sessionAbsoluteSeconds, userAgent: body.userAgent ?? null, ssoTokenId: token.id },
        tx,
      );
      return { sessionId: created.id, newSessionSecret: created.secret };
    },
  });
  if (!result.ok) {
    if (result.reason === "rate_limited") throw new ApiError("rate_limited", "Too many failed exchanges for this site; try again in a few minutes.");
    if (result.reason === "sso_disabled") throw new ApiError("sso_disabled", "Single sign-on is not enabled for this site.");
    // The reason (expired, replayed, foreign, state mismatch) is in the audit log, not in the answer.
    throw new ApiError("invalid_grant", "The one-time token is invalid, expired, already used, or was not issued for this site and state.");
  }
  if (!result.newSessionSecret) throw new Error("an exchange always creates a session");
  return resolveExternalSession({ client, handle: result.newSessionSecret });
}
