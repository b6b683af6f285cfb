// The server entry: `npm start`, and every script and test that starts the app
// (scripts/server-command.ts), so what is tested is what is deployed.
//
// Why not `next start`: Next keeps a client-sent X-Forwarded-For as it is and only fills in the
// socket's address when the header is absent, so behind no proxy every client could choose the
// address its rate limits are counted against (or frame someone else's), and the app cannot
// see the socket's address at all (Next 15 removed NextRequest.ip; Next 16 offers no option).
// This entry APPENDS the peer's address to X-Forwarded-For, as every proxy does, and decides
// nothing: which entries to believe is lib/http/client-ip.ts's rule (TRUSTED_PROXIES).
//
// Usage: node --max-old-space-size=160 server.mjs [-p PORT]   (PORT env, default 3000)
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import next from "next";

// As `next start` does: a production server, unless told otherwise.
process.env.NODE_ENV ||= "production";
// Tells the app it runs behind this entry (lib/env.ts MSS_SERVER_ENTRY; instrumentation.ts refuses to serve without it in production).
process.env.MSS_SERVER_ENTRY = "server.mjs";
// next-auth (v4) takes each request's origin from its Host only when AUTH_TRUST_HOST is set (it
// reads the variable per request; v4 has no option for it): one server answers for many hosts,
// and proxy.ts has already checked the Host against the database. lib/env.ts refuses NEXTAUTH_URL.
process.env.AUTH_TRUST_HOST = "true";

const { values } = parseArgs({ options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } } });
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname; // unset: every interface, IPv6 and IPv4, like `next start`

const started = Date.now();
const app = next({ dev: false, dir: import.meta.dirname, port, hostname });
const handle = app.getRequestHandler();
await app.prepare();

/** Appends the socket's peer to X-Forwarded-For (several headers are first joined, as Node does for this one). */
function appendPeer(request) {
  const peer = request.socket.remoteAddress ?? "";
  const existing = request.headers["x-forwarded-for"];
  request.headers["x-forwarded-for"] = existing ? `${existing}, ${peer}` : peer;
}

const server = createServer((request, response) => {
  appendPeer(request);
  handle(request, response).catch((error) => {
    console.error("request failed outside the app's own error handling", error);
    if (!response.headersSent) response.writeHead(500, { "content-type": "application/json" });
    response.end(JSON.stringify({ error: { code: "internal_error", message: "Something went wrong on our side." } }));
  });
});

server.listen(port, hostname, () => {
  console.log(`▲ multisite-sso (Next.js) on port ${port}\n✓ Ready in ${Date.now() - started}ms`);
});

// SIGTERM/SIGINT: stop accepting, let requests in flight finish (up to 10 s), then exit, so a
// supervisor (or Playwright's gracefulShutdown) gets a complete log and no cut answer.
let stopping = false;
function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: shutting down`);
  const force = setTimeout(() => process.exit(0), 10_000);
  force.unref();
  server.close(() => {
    app.close?.().finally(() => process.exit(0));
  });
  server.closeIdleConnections();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
