// The benchmark's OIDC peer: oidc-provider 9 doing the job the product's handshake does (an
// existing sign-in on one domain becomes a session on another), so `npm run bench` can put
// both side by side on the same machine, Postgres server and database. Started by
// bench/lib/oidc-peer.ts as its own process (`node`, NODE_ENV=production, npm start's heap cap)
// and measured like the product's server: its CPU, and the CPU of the database's backends.
//
// Settings, and why (everything else is the provider's default):
// - Issuer `http://127.0.0.1:PORT`, plain http: the bench talks to the product over plain http
//   too. Nothing else is needed for http in production mode: the provider marks its cookies
//   Secure only when the request arrived over TLS (ctx.secure), and `proxy` stays false (its
//   default) because nothing sits in front of this process to set X-Forwarded-Proto.
// - The storage adapter on Postgres (adapter.mjs), a pg pool of the product's bench pool size.
// - One RS256 signing key generated at start (`jwks`): the provider's default algorithm.
// - One static confidential client (client_secret_basic, the provider's default auth method).
//   PKCE: the provider's default `pkce.required` asks for it only from public clients (and
//   FAPI 2.0), so this client does not send it.
// - devInteractions off, and in their place a scripted login at /interaction/:uid: it signs in
//   the account named by the authorization request's login_hint, with no form. The bench uses
//   it once per client, before measuring ("an existing session").
// - loadExistingGrant: the documented first-party recipe, so no consent prompt appears: the
//   session's grant for the client if it has one, else a new grant for `openid`.
// - findAccount: any account id exists and has only the `sub` claim.
import http from "node:http";
import { generateKeyPairSync, randomUUID } from "node:crypto";
import Provider from "oidc-provider";
import pg from "pg";
import { z } from "zod";
import { createPostgresAdapter, ensureOidcPeerTable } from "./adapter.mjs";

// The bench passes everything in the environment (bench/lib/oidc-peer.ts).
const settings = z
  .object({
    OIDC_PEER_PORT: z.coerce.number().int().min(1).max(65535),
    OIDC_PEER_DATABASE_URL: z.string().url(),
    OIDC_PEER_POOL_MAX: z.coerce.number().int().min(1),
    OIDC_PEER_CLIENT_ID: z.string().min(1),
    OIDC_PEER_CLIENT_SECRET: z.string().min(32),
    OIDC_PEER_REDIRECT_URI: z.string().url(),
  })
  .parse(process.env);

const pool = new pg.Pool({ connectionString: settings.OIDC_PEER_DATABASE_URL, max: settings.OIDC_PEER_POOL_MAX });
await ensureOidcPeerTable(pool);

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: "jwk" }), kid: randomUUID(), use: "sig", alg: "RS256" };

const provider = new Provider(`http://127.0.0.1:${settings.OIDC_PEER_PORT}`, {
  adapter: createPostgresAdapter(pool),
  jwks: { keys: [signingKey] },
  clients: [
    {
      client_id: settings.OIDC_PEER_CLIENT_ID,
      client_secret: settings.OIDC_PEER_CLIENT_SECRET,
      redirect_uris: [settings.OIDC_PEER_REDIRECT_URI],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  features: { devInteractions: { enabled: false } },
  findAccount: async (ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
  loadExistingGrant: async (ctx) => {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope("openid");
    await grant.save();
    return grant;
  },
});

// GET /interaction/:uid — the scripted login: the account is the request's login_hint. Any
// other prompt (consent) is a misconfiguration of this peer, answered 500 so the bench fails.
async function scriptedLogin(req, res) {
  const details = await provider.interactionDetails(req, res);
  const accountId = details.params.login_hint;
  if (details.prompt.name !== "login" || typeof accountId !== "string" || accountId === "") {
    res.writeHead(500, { "content-type": "text/plain" }).end(`unexpected interaction: ${details.prompt.name}`);
    return;
  }
  await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
}

const handleProvider = provider.callback();
const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url?.startsWith("/interaction/")) {
    scriptedLogin(req, res).catch((error) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(error));
    });
    return;
  }
  handleProvider(req, res);
});

server.listen(settings.OIDC_PEER_PORT, "127.0.0.1");

process.once("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
  pool.end().finally(() => process.exit(0));
});
