// How much of the project proxy.ts pulls in: every project-local module reachable from it by
// static imports (esbuild's metafile), so "the proxy imports only what routing needs" is a number
// that can be rerun. Packages (node_modules) are left out; the generated Prisma client is counted
// apart. With --next, also the size of the proxy's bundle in the last `next build` (.next).
// Usage: npx tsx scripts/count-proxy-modules.ts [entry=proxy.ts] [--list] [--next]
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

/** The project modules (paths relative to the repository) an entry reaches, and their source size. */
export async function reachableModules(entry: string): Promise<{ own: string[]; generated: string[]; bytes: number }> {
  const result = await build({ entryPoints: [entry], bundle: true, write: false, metafile: true, platform: "node", format: "esm", packages: "external", logLevel: "silent" });
  const inputs = Object.keys(result.metafile.inputs).filter((file) => !file.startsWith("node_modules/"));
  const own = inputs.filter((file) => !file.startsWith("lib/generated/")).sort();
  const bytes = own.reduce((sum, file) => sum + (result.metafile.inputs[file]?.bytes ?? 0), 0);
  return { own, generated: inputs.filter((file) => file.startsWith("lib/generated/")), bytes };
}

/** The proxy's bundle in the last `next build`: server/middleware.js and the chunks its trace lists. */
function nextProxyBundle(): { bytes: number; chunks: number; largest: number } {
  const server = path.join(".next", "server");
  const trace = path.join(server, "middleware.js.nft.json");
  if (!existsSync(trace)) throw new Error(`${trace} not found: run \`next build\` first`);
  const files = (JSON.parse(readFileSync(trace, "utf8")) as { files: string[] }).files.filter((file) => file.startsWith("chunks/"));
  const sizes = files.map((file) => statSync(path.join(server, file)).size);
  return { bytes: sizes.reduce((a, b) => a + b, 0), chunks: files.length, largest: Math.max(...sizes) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const entry = args.find((arg) => !arg.startsWith("--")) ?? "proxy.ts";
  const { own, generated, bytes } = await reachableModules(entry);
  console.log(`${entry}: ${own.length} project modules (${Math.round(bytes / 1024)} KiB of source), plus ${generated.length} of lib/generated`);
  if (args.includes("--list")) for (const file of own) console.log(`  ${file}`);
  if (args.includes("--next")) {
    const bundle = nextProxyBundle();
    console.log(`proxy bundle (.next): ${bundle.bytes} bytes in ${bundle.chunks} chunks (largest ${bundle.largest} bytes)`);
  }
}
