// The full handshake as browsers do it: site → auth domain → callback (three requests), each
// client a fresh browser with its own cookies, many clients in parallel. Two workloads:
//   - anonymous: a first visit (the auth domain makes the browser a new SSO token);
//   - signed in (`tokens`): SSO sign-in on a site not yet visited, with an SSO token signed in
//     elsewhere (bench/lib/signed-in-tokens.ts): the flow a reader's second site makes, and the
//     one an OIDC provider's code flow with an existing session does (bench/lib/oidc-peer.ts).
import { TestBrowser } from "../../test/http/browser";
import { measured, type Target } from "./measure";
import type { LoadResult } from "./http-load";
import { runFlows } from "./flow-load";
import type { TokenPool } from "./signed-in-tokens";

/** On http://*.localhost the app's cookies still carry __Host- (lib/http/cookies.ts: localhost is a secure context). */
const SITE_SESSION_COOKIE = "__Host-mss_session";
const SSO_TOKEN_COOKIE = "__Host-mss_sso";

type Flow = { port: number; host: string; authHost?: string; tokens?: TokenPool };

async function oneHandshake(flow: Flow): Promise<boolean> {
  const browser = new TestBrowser();
  if (flow.tokens && flow.authHost) browser.setCookie(flow.authHost, SSO_TOKEN_COOKIE, flow.tokens.take());
  let url = `http://${flow.host}:${flow.port}/`;
  for (let hop = 0; hop < 3; hop++) {
    const response = await browser.request(url, { navigation: true });
    if (response.status !== 302 || typeof response.headers.location !== "string") return false;
    // Every hop to the server under measurement: the callback registered for the site names the
    // bench's first port, and the pooler comparison runs servers on the ports next to it.
    const next = new URL(response.headers.location, url);
    next.port = String(flow.port);
    url = next.toString();
    // A refused handshake (rate limited, SSO off) also ends at the callback, with `error`: not a sign-in.
    if (hop === 1 && !next.searchParams.has("ott")) return false;
  }
  return browser.cookie(flow.host, SITE_SESSION_COOKIE) !== null;
}

export async function runHandshakeLoad(options: Target & Flow & { clients: number; durationSeconds: number; name?: string }): Promise<LoadResult> {
  const name = options.name ?? (options.tokens ? "SSO sign-in on a new site, token signed in (3 requests)" : "first visit, anonymous handshake (3 requests)");
  return measured(options, () => runFlows({ name, clients: options.clients, durationSeconds: options.durationSeconds, flow: () => oneHandshake(options) }), (result) => result.requests);
}
