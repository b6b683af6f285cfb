// Everything `npm run topology` starts or creates, undone in reverse order on the way out —
// after success, after a failure, and on Ctrl-C / SIGTERM. Processes are stopped by their own
// PID (never by name: other people's haproxy or pgbouncer on this machine are not ours), temp
// directories removed by their path.
import { rmSync } from "node:fs";

type Undo = { what: string; run: () => Promise<void> | void };

const undos: Undo[] = [];
let cleaning: Promise<void> | null = null;

/** Registers an undo step; the latest registered runs first. */
export function onCleanup(what: string, run: Undo["run"]): void {
  undos.push({ what, run });
}

export function removeDirOnCleanup(path: string): void {
  onCleanup(`remove ${path}`, () => rmSync(path, { recursive: true, force: true }));
}

/** Runs every undo step once (a second call waits for the first); a failing step does not stop the others. */
export function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    while (undos.length > 0) {
      const undo = undos.pop() as Undo;
      try {
        await undo.run();
      } catch (error) {
        console.error(`cleanup: ${undo.what} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  })();
  return cleaning;
}

/** Ctrl-C and SIGTERM: clean up, then exit 130 / 143. */
export function cleanUpOnSignals(): void {
  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: cleaning up`);
      void cleanUp().finally(() => process.exit(code));
    });
  }
}
