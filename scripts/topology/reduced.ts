// The topology's reduced form inside `npm test` (about a minute): haproxy with TLS, two
// instances, PgBouncer in transaction pooling, the HTTP-level checks, an instance killed and
// PgBouncer restarted — no Chromium (the full run, `npm run topology`, adds the browser flows).
// Ports next to the suite's own (E2E_PORT + 20…29), so it never meets a full run on 443/3400/6432.
// Where haproxy or pgbouncer cannot be installed (not root, no apt), it is skipped with one line.
import { testEnv } from "@/test/test-env";
import { ensurePackages } from "./apt";
import { cleanUpOnSignals } from "./cleanup";
import { runTopology } from "./run";

export async function runReducedTopology(): Promise<number> {
  const packages = ensurePackages();
  if (!packages.ok) {
    console.log(`SKIPPED (not failed): the topology step needs haproxy and pgbouncer: ${packages.reason}`);
    return 0;
  }
  // Ctrl-C during this step still stops its haproxy, PgBouncer and instances (by PID).
  cleanUpOnSignals();
  const base = testEnv.E2E_PORT + 20;
  return runTopology({ instances: 2, basePort: base, lbPort: base + 9, pgbouncerPort: base + 8, browserFlows: false, say: (line) => console.log(line) });
}
