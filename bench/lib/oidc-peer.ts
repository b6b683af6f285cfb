// The benchmark's OIDC peer (bench/lib/oidc-peer-server/server.mjs): oidc-provider as its own process
// on the bench's Postgres database, and its load: the authorization-code flow for a user who
// already has a session at the provider — GET /auth with the session cookie → redirect to the
// client with a code → POST /token → an ID token. Each flow is the equivalent of one product
// handshake (an existing sign-in becomes proof for another party), so their figures compare.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { startChildServer, type ChildServer } from "../../scripts/child-server";
import { SERVER_NODE_OPTIONS } from "../../scripts/server-command";
import { TestBrowser } from "../../test/http/browser";
import { runFlows } from "./flow-load";
import { measured } from "./measure";
import type { LoadResult } from "./http-load";

const SERVER_ENTRY = "bench/lib/oidc-peer-server/server.mjs";
const CLIENT_ID = "bench-rp";
// The client's callback: never requested, the flow reads the code from the redirect's Location.
const REDIRECT_URI = "http://rp.localhost/callback";

export type OidcPeer = {
  pid: number;
  port: number;
  stop: () => Promise<void>;
  /** The scripted clients' provider sessions, signed in once and reused by every run. */
  signedIn: TestBrowser[];
  clientSecret: string;
};

/** Starts the peer on 127.0.0.1:`port` and waits until its discovery document answers. */
export async function startOidcPeer(options: { port: number; databaseUrl: string; poolMax: number }): Promise<OidcPeer> {
  const clientSecret = randomBytes(32).toString("base64url");
  let output = "";
  const server: ChildServer = await startChildServer({
    name: "oidc-provider peer",
    command: process.execPath,
    args: [SERVER_NODE_OPTIONS, SERVER_ENTRY],
    port: options.port,
    stdio: ["ignore", "pipe", "pipe"],
    onOutput: (chunk) => (output = (output + chunk.toString()).slice(-4_000)),
    output: () => output,
    env: {
      ...process.env,
      NODE_ENV: "production",
      OIDC_PEER_PORT: String(options.port),
      OIDC_PEER_DATABASE_URL: options.databaseUrl,
      OIDC_PEER_POOL_MAX: String(options.poolMax),
      OIDC_PEER_CLIENT_ID: CLIENT_ID,
      OIDC_PEER_CLIENT_SECRET: clientSecret,
      OIDC_PEER_REDIRECT_URI: REDIRECT_URI,
    },
    isReady: async () => {
      try {
        return (await fetch(`http://127.0.0.1:${options.port}/.well-known/openid-configuration`)).ok;
      } catch {
        return false;
      }
    },
  });
  return { pid: server.pid, port: options.port, stop: () => server.stop(), signedIn: [], clientSecret };
}

const authorizeUrl = (peer: OidcPeer, state: string, extra: Record<string, string> = {}) =>
  `http://127.0.0.1:${peer.port}/auth?${new URLSearchParams({ client_id: CLIENT_ID, response_type: "code", scope: "openid", redirect_uri: REDIRECT_URI, state, nonce: randomBytes(16).toString("base64url"), ...extra })}`;

/** The code the provider sent the client, if this answer is that redirect and carries our state. */
function codeFrom(response: { status: number; headers: Record<string, unknown> }, state: string): string | null {
  const location = response.headers.location;
  if (response.status < 300 || response.status >= 400 || typeof location !== "string" || !location.startsWith(REDIRECT_URI)) return null;
  const params = new URL(location).searchParams;
  return params.get("state") === state ? params.get("code") : null;
}

/** The scripted login (not measured): /auth → /interaction/:uid (signs in login_hint) → /auth/:uid → code. */
async function signIn(peer: OidcPeer, accountId: string): Promise<TestBrowser> {
  const browser = new TestBrowser();
  const state = randomBytes(16).toString("base64url");
  let response = await browser.request(authorizeUrl(peer, state, { login_hint: accountId }), { navigation: true });
  for (let hop = 0; hop < 4 && codeFrom(response, state) === null; hop++) {
    const location = response.headers.location;
    if (typeof location !== "string") break;
    response = await browser.request(new URL(location, `http://127.0.0.1:${peer.port}`).toString(), { navigation: true });
  }
  const session = browser.cookie("127.0.0.1", "_session");
  if (codeFrom(response, state) === null || session === null) throw new Error(`oidc-provider peer: the scripted login of ${accountId} ended with ${response.status} ${response.body.slice(0, 200)}`);
  // Only the session cookie from here on: TestBrowser ignores cookie paths, and would otherwise
  // send the interaction's cookies (Path=/interaction/…, /auth/…) along with every /auth.
  const signedIn = new TestBrowser();
  signedIn.setCookie("127.0.0.1", "_session", session);
  return signedIn;
}

/** One flow for a signed-in browser; `rp` is the client's own backend (no provider cookies). */
async function oneCodeFlow(peer: OidcPeer, browser: TestBrowser, rp: TestBrowser): Promise<boolean> {
  const state = randomBytes(16).toString("base64url");
  const code = codeFrom(await browser.request(authorizeUrl(peer, state), { navigation: true }), state);
  if (code === null) return false;
  const token = await rp.request(`http://127.0.0.1:${peer.port}/token`, {
    method: "POST",
    body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI }).toString(),
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(CLIENT_ID)}:${encodeURIComponent(peer.clientSecret)}`).toString("base64")}`,
    },
  });
  if (token.status !== 200) return false;
  const idToken: unknown = (JSON.parse(token.body) as { id_token?: unknown }).id_token;
  if (typeof idToken !== "string" || idToken.split(".").length !== 3) return false;
  return true;
}

/**
 * `clients` signed-in users, each looping flows until the deadline; a flow counts when /token
 * answered 200 with an ID token. CPU: the peer's process, and the backends of `database`.
 * NOTE: the product's server keeps its own pool's backends on that database too; they are idle
 * while this runs (the bench runs one load at a time), so their CPU adds only noise.
 */
export async function runOidcCodeFlowLoad(options: { peer: OidcPeer; database: string; clients: number; durationSeconds: number }): Promise<LoadResult> {
  const { peer } = options;
  while (peer.signedIn.length < options.clients) peer.signedIn.push(await signIn(peer, `reader-${peer.signedIn.length + 1}`));
  const clients = peer.signedIn.slice(0, options.clients);
  // Each client: its browser (with its OP session) and its relying party's backend (no cookies).
  const relyingParties = clients.map(() => new TestBrowser());
  return measured(
    { serverPid: peer.pid, database: options.database },
    () => runFlows({ name: "oidc-provider code flow (authorize → code → token)", clients: clients.length, durationSeconds: options.durationSeconds, flow: (client) => oneCodeFlow(peer, clients[client] as TestBrowser, relyingParties[client] as TestBrowser) }),
    (result) => result.requests,
  );
}

/** The peer's settings in one line, for the report. */
export function describeOidcPeer(poolMax: number): string {
  const { version } = JSON.parse(readFileSync("node_modules/oidc-provider/package.json", "utf8")) as { version: string };
  return `oidc-provider ${version} (own node process, NODE_ENV=production, ${SERVER_NODE_OPTIONS}), Postgres adapter on the bench database with a pool of ${poolMax}; authorization-code flow with an existing session, client_secret_basic, RS256 ID token, no PKCE (not required by its defaults for a confidential client)`;
}
