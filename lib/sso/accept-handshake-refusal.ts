// GET /sso/callback?error=<code>&state=… — the auth domain refused this browser's handshake (rate
// limit, SSO off for the site) and sent it back, as design §3 asks, so that the page renders
// unlinked instead of an error page of the auth domain. Nothing is redeemed and nothing is
// counted against anyone. The refusal is honoured only for a handshake this browser started
// itself (its own state cookie): anyone can link to the callback with an `error`, and a forged
// one must not stop a reader's SSO for the retry window.
import { secretsEqual } from "@/lib/security/secrets";
import type { HandshakeState } from "./handshake-state";
import type { HandshakeRefusal } from "./mint-one-time-token";
import { markHandshakeFailed } from "./site-sessions";

const REFUSALS: readonly HandshakeRefusal[] = ["rate_limited", "sso_disabled"];

export function isHandshakeRefusal(value: string | null): value is HandshakeRefusal {
  return value !== null && (REFUSALS as readonly string[]).includes(value);
}

/** Where the browser goes now: back to its page when the refusal is its own (marked, so no retry at once), else home. */
export async function acceptHandshakeRefusal(options: {
  state: string | null;
  handshake: HandshakeState | null;
  session: { id: string } | null;
}): Promise<{ returnPath: string; own: boolean }> {
  const { state, handshake, session } = options;
  const own = state !== null && handshake !== null && secretsEqual(handshake.state, state);
  if (!own) return { returnPath: "/", own };
  if (session) await markHandshakeFailed(session.id);
  return { returnPath: handshake.returnPath, own };
}
