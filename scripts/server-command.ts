// How this app's server runs: `npm start` in production, and every script and test that starts
// one (demo, test runner, Playwright, reliability instances, soak, bench), so what is measured
// and tested is what is deployed. The server is server.mjs: Next's production server behind a
// node:http entry that appends the socket's peer address to X-Forwarded-For (why: server.mjs,
// and lib/http/client-ip.ts for which entries are believed).
//
// The heap cap: left alone, V8 grows the old generation lazily under load (RSS ~450 MB during
// the benchmark) although the live data of this app stays well under 100 MB; capped at 160 MB,
// the server holds ~220–280 MB under the same load with no loss of throughput beyond the
// benchmark's noise (docs/performance.md). package.json's `start` script says the same
// (scripts/server-command.test.ts keeps them equal).
export const SERVER_HEAP_MB = 160;

/** The node flags, for NODE_OPTIONS (which allows --max-old-space-size) where only a command string can be given. */
export const SERVER_NODE_OPTIONS = `--max-old-space-size=${SERVER_HEAP_MB}`;

/**
 * TRUSTED_PROXIES of the servers the tests start: the test clients play the load balancer,
 * sending each simulated reader's address in X-Forwarded-For from loopback. Only loopback.
 */
export const TEST_TRUSTED_PROXIES = "127.0.0.0/8,::1";

/** The server entry, relative to the project root. */
export const SERVER_ENTRY = "server.mjs";

/** The production server (server.mjs) on `port` under this process's node, with the server's flags first. */
export function nextStartCommand(port: number, extraNodeArgs: string[] = []): { command: string; args: string[] } {
  return { command: process.execPath, args: [SERVER_NODE_OPTIONS, ...extraNodeArgs, SERVER_ENTRY, "-p", String(port)] };
}

/** The same as one shell command line, for Playwright's webServer (which runs a string through a shell). */
export function serverShellCommand(port: number): string {
  return `node ${SERVER_NODE_OPTIONS} ${SERVER_ENTRY} -p ${port}`;
}
