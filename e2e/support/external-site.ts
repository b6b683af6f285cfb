// Starts the example external site (examples/external-site) for a spec and stops it after, by
// its own PID. It listens on the app's port + 1 as partner.localhost, the callback the test
// seed registers for acme's external site `partner` (prisma/demo-data.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
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

function isPortOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export async function startExternalSite(): Promise<{ stop: () => Promise<void>; output: () => string }> {
  if (await isPortOpen(partner.port)) throw new Error(`port ${partner.port} is taken; the example external site needs it`);
  let output = "";
  const child: ChildProcess = spawn("./node_modules/.bin/tsx", ["examples/external-site/server.ts"], {
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
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 30_000;
  while (!(await isPortOpen(partner.port))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the example external site did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}
