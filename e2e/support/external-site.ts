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

export async function startExternalSite(): Promise<{ stop: () => Promise<void>; output: () => string }> {
  if (await isPortOpen(partner.port)) throw new Error(`port ${partner.port} is taken; the example external site needs it`);
  let output = "";
  const server = await startChildServer({
    name: "the example external site",
    command: "./node_modules/.bin/tsx",
    args: ["examples/external-site/server.ts"],
    port: partner.port,
    timeoutMs: 30_000,
    onOutput: (chunk) => (output += chunk.toString()),
    output: () => output,
    env: {
      ...process.env,
      PORT: String(partner.port),
      SITE_HOST: partner.hostname,
      AUTH_ORIGIN: `http://auth.acme.localhost:${appPort}`,
      SITE_SLUG: partner.slug,
      CLIENT_ID: partner.clientId,
      CLIENT_SECRET: partner.clientSecret,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return { output: () => output, stop: () => server.stop() };
}
