// The app's runtime source as the source-scanning rule tests read it: what the server runs
// (lib/, app/, components/, the proxy), not tests, test support or generated code.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const RUNTIME_ROOTS = ["lib", "app", "components", "proxy.ts", "instrumentation.ts"];
const SKIPPED = [/(^|\/)node_modules\//, /^lib\/generated\//, /\.test\.tsx?$/, /\.test-support\.ts$/, /(^|\/)test-fixtures\.ts$/];

function walk(path: string): string[] {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) return [];
  if (stats.isFile()) return [path];
  return readdirSync(path).flatMap((name) => walk(join(path, name)));
}

/** Runtime .ts/.tsx files, paths relative to the repository root, with their text. */
export function runtimeSourceFiles(): { path: string; text: string }[] {
  return RUNTIME_ROOTS.flatMap((root) => walk(join(ROOT, root)))
    .map((file) => relative(ROOT, file).split("\\").join("/"))
    .filter((path) => /\.tsx?$/.test(path) && !SKIPPED.some((pattern) => pattern.test(path)))
    .map((path) => ({ path, text: readFileSync(join(ROOT, path), "utf8") }));
}

/** Each match of `pattern` (global) in the runtime source, as `path:line: text`, outside the allowed files (a path ending in / allows a folder). */
export function findInRuntimeSource(pattern: RegExp, allowed: ReadonlySet<string> = new Set()): string[] {
  const isAllowed = (path: string) => [...allowed].some((entry) => (entry.endsWith("/") ? path.startsWith(entry) : path === entry));
  return runtimeSourceFiles()
    .filter((file) => !isAllowed(file.path))
    .flatMap((file) =>
      [...file.text.matchAll(pattern)].map((match) => {
        const line = file.text.slice(0, match.index).split("\n").length;
        return `${file.path}:${line}: ${file.text.split("\n")[line - 1]?.trim()}`;
      }),
    );
}
