// Starts the example external site (examples/external-site) for a spec and stops it after, by
// its own PID. It listens on the app's port + 1 as partner.localhost, the callback the test
// seed registers for acme's external site `partner` (prisma/demo-data.ts).
import { isPortOpen, startChildServer } from "@/scripts/child-server";
import { demoExternalSitePort, demoExternalSites } from "@/prisma/demo-data";
import { port as appPort } from "./hosts";

export const partner = (() => {
  const site = demoExternalSites[0];
  if (!site) throw new Error("no demo external site");
  return { ...site, port: demoExternalSitePort(appPort) };
})();

export function partnerUrl(path = "/"): string {
  return `http://${partner.hostname}:${partner.port}${path}`;
}

/** Another registration of the example (e.g. one registered in the console by a spec): its own host, port and credentials. */
export type ExternalSiteConfig = { hostname: string; port: number; slug: string; clientId: string; clientSecret: string };

export async function startExternalSite(config: ExternalSiteConfig = partner): Promise<{ stop: () => Promise<void>; output: () => string }> {
  if (await isPortOpen(config.port)) throw new Error(`port ${config.port} is taken; the example external site needs it`);
  let output = "";
  const server = await startChildServer({
    name: "the example external site",
    command: "./node_modules/.bin/tsx",
    args: ["examples/external-site/server.ts"],
    port: config.port,
    timeoutMs: 30_000,
    onOutput: (chunk) => (output += chunk.toString()),
    output: () => output,
    env: {
      ...process.env,
      PORT: String(config.port),
      SITE_HOST: config.hostname,
      AUTH_ORIGIN: `http://auth.acme.localhost:${appPort}`,
      SITE_SLUG: config.slug,
      CLIENT_ID: config.clientId,
      CLIENT_SECRET: config.clientSecret,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return { output: () => output, stop: () => server.stop() };
}
