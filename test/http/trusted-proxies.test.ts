// Who the client is, over HTTP through the real server entry (server.mjs): instances of the
// build with TRUSTED_PROXIES none (the default), 1 hop, 2 hops and a CIDR list. What the app
// took as the client address is read from its request log (`ip`, the value every rate-limit key
// and audit event uses: lib/http/client-ip.ts). Also: X-Forwarded-Proto is believed only from a
// trusted peer, and Strict-Transport-Security follows it.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppInstance, portNearSuite, type AppInstance } from "../reliability/support/app-instance";
import { send } from "../reliability/support/http";

type Instance = AppInstance;
const instances: Record<"none" | "oneHop" | "twoHops" | "cidrs", Instance | undefined> = { none: undefined, oneHop: undefined, twoHops: undefined, cidrs: undefined };

beforeAll(async () => {
  // One after the other: this machine's cores are shared.
  instances.none = await startAppInstance({ name: "trust-none", preferredPort: portNearSuite(40), env: { TRUSTED_PROXIES: "" } });
  instances.oneHop = await startAppInstance({ name: "trust-1-hop", preferredPort: portNearSuite(41), env: { TRUSTED_PROXIES: "1" } });
  instances.twoHops = await startAppInstance({ name: "trust-2-hops", preferredPort: portNearSuite(42), env: { TRUSTED_PROXIES: "2" } });
  instances.cidrs = await startAppInstance({
    name: "trust-cidrs",
    preferredPort: portNearSuite(43),
    env: { TRUSTED_PROXIES: "127.0.0.1/32, ::1, 203.0.113.0/24", HSTS_MAX_AGE_SECONDS: "0" },
  });
}, 180_000);

afterAll(async () => {
  for (const instance of Object.values(instances)) await instance?.stop();
});

function instance(name: keyof typeof instances): Instance {
  const found = instances[name];
  if (!found) throw new Error(`instance ${name} did not start`);
  return found;
}

/** Sends one request (to a host no site has: the proxy answers and logs it) and returns the client address the app logged for it. */
async function loggedClientIp(app: Instance, headers: Record<string, string>): Promise<string> {
  const requestId = randomUUID();
  const answer = await send({ port: app.port, host: "nobody.invalid", path: "/", headers: { "x-request-id": requestId, ...headers } });
  expect(answer.status).toBe(404);
  // The log line is written before the answer is sent; give the pipe a moment to deliver it.
  for (let i = 0; i < 50; i++) {
    const line = app.output().split("\n").find((l) => l.includes(requestId));
    if (line) return (JSON.parse(line) as { ip: string }).ip;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no log line for request ${requestId}`);
}

describe("the client address behind TRUSTED_PROXIES", () => {
  it("0 trusted hops (the default): a client-sent X-Forwarded-For is ignored and the socket's address is the client, so it can neither pick its rate-limit key nor frame another address", async () => {
    const app = instance("none");
    expect(await loggedClientIp(app, { "x-forwarded-for": "203.0.113.9" })).toBe("127.0.0.1");
    expect(await loggedClientIp(app, { "x-forwarded-for": "6.6.6.6, 198.51.100.1, 203.0.113.9" })).toBe("127.0.0.1");
    expect(await loggedClientIp(app, {})).toBe("127.0.0.1");
  });

  it("X-Real-IP is not believed either", async () => {
    expect(await loggedClientIp(instance("none"), { "x-real-ip": "203.0.113.9" })).toBe("127.0.0.1");
    expect(await loggedClientIp(instance("oneHop"), { "x-real-ip": "203.0.113.9" })).toBe("127.0.0.1");
  });

  it("1 trusted hop: the address our load balancer appended is the client, not what the client wrote to its left", async () => {
    expect(await loggedClientIp(instance("oneHop"), { "x-forwarded-for": "6.6.6.6, 203.0.113.9" })).toBe("203.0.113.9");
  });

  it("2 trusted hops (CDN → load balancer): the reader's address, not the CDN edge's", async () => {
    expect(await loggedClientIp(instance("twoHops"), { "x-forwarded-for": "6.6.6.6, 198.51.100.1, 203.0.113.9" })).toBe("198.51.100.1");
  });

  it("CIDR trust: every trusted proxy in the chain is skipped, and the first address outside the ranges is the client", async () => {
    expect(await loggedClientIp(instance("cidrs"), { "x-forwarded-for": "6.6.6.6, 198.51.100.1, 203.0.113.9" })).toBe("198.51.100.1");
  });

  it("malformed entries never become a key: a trusted hop that wrote garbage is itself the client", async () => {
    expect(await loggedClientIp(instance("oneHop"), { "x-forwarded-for": "ratelimit:bypass" })).toBe("127.0.0.1");
    expect(await loggedClientIp(instance("twoHops"), { "x-forwarded-for": "1.2.3.4, <script>" })).toBe("127.0.0.1");
  });
});

describe("X-Forwarded-Proto and Strict-Transport-Security", () => {
  const hsts = async (app: Instance, headers: Record<string, string>) =>
    (await send({ port: app.port, host: "nobody.invalid", path: "/api/health", headers })).headers["strict-transport-security"];

  it("HSTS on an answer served over https (a trusted proxy says so), max-age 180 days by default and no includeSubDomains", async () => {
    expect(await hsts(instance("oneHop"), { "x-forwarded-proto": "https" })).toBe("max-age=15552000");
  });

  it("HSTS never over plain http", async () => {
    expect(await hsts(instance("oneHop"), {})).toBeUndefined();
    expect(await hsts(instance("oneHop"), { "x-forwarded-proto": "http" })).toBeUndefined();
  });

  it("X-Forwarded-Proto from an untrusted peer is ignored: a client's claim of https gets no HSTS", async () => {
    expect(await hsts(instance("none"), { "x-forwarded-proto": "https" })).toBeUndefined();
  });

  it("HSTS_MAX_AGE_SECONDS=0 turns it off", async () => {
    expect(await hsts(instance("cidrs"), { "x-forwarded-proto": "https" })).toBeUndefined();
  });
});
