// Brings the reference deployment up on this machine (docs/deployment.md): a fresh database,
// migrated and seeded for https on the demo names; PgBouncer in transaction pooling in front of
// it; N app instances (server.mjs, as `npm start` runs it) reaching the database only through
// PgBouncer; haproxy terminating TLS with a certificate from a local CA and balancing round robin.
// Every piece is registered for cleanup (cleanup.ts) the moment it exists.
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyMigrations } from "@/tooling/db/migrate";
import { createFreshDatabase, findLocalPostgres } from "@/tooling/db/test-database";
import { demoOrganizations } from "@/prisma/demo-data";
import { seedDemoData } from "@/prisma/seed";
import { onCleanup, removeDirOnCleanup } from "./cleanup";
import { createCertificates, type Certificates } from "./certificates";
import { startHaproxy } from "./haproxy";
import { startInstance, type Instance } from "./instances";
import { startPgBouncer, type PgBouncer } from "./pgbouncer";
import type { ChildServer } from "../child-server";

export type TopologyOptions = {
  instances: number;
  /** First instance port; the others follow. */
  basePort: number;
  lbPort: number;
  pgbouncerPort: number;
  databasePrefix: string;
  /** Overrides of the instances' environment (run.ts --app-env). */
  appEnv: Record<string, string>;
  say: (line: string) => void;
};

export type Topology = {
  dir: string;
  certificates: Certificates;
  database: { name: string; directUrl: string; pooledUrl: string };
  pgbouncer: PgBouncer;
  instances: Instance[];
  /** Starts a stopped (killed) instance again, same id and port. */
  restartInstance: (instance: Instance) => Promise<void>;
  haproxy: ChildServer;
  haproxyLogPath: string;
  lbPort: number;
  /** The address haproxy connects to the instances from: the only trusted proxy. */
  lbSourceAddress: string;
  appEnv: Record<string, string>;
};

/** The demo names the certificate covers: every host of the seed, plus the admin console. */
export function demoHostnames(): string[] {
  return ["admin.localhost", ...demoOrganizations.flatMap((org) => [org.authHost, ...org.sites.map((site) => site.hostname)])];
}

const LB_SOURCE_ADDRESS = "127.0.0.2";

export async function startTopology(options: TopologyOptions): Promise<Topology> {
  const say = options.say;
  const dir = mkdtempSync(join(tmpdir(), "mss-topology-"));
  removeDirOnCleanup(dir);
  // PgBouncer runs as `postgres` and must reach its own subdirectory: traverse, not list.
  chmodSync(dir, 0o711);
  const certificates = createCertificates(dir, demoHostnames());
  say(`certificates: local CA + server certificate for ${demoHostnames().join(", ")} (${dir})`);

  const serverUrl = await findLocalPostgres();
  if (!serverUrl) throw new Error("no Postgres on 127.0.0.1:5432 (or TEST_DATABASE_URL)");
  const fresh = await createFreshDatabase({ serverUrl, prefix: options.databasePrefix });
  onCleanup(`drop database ${fresh.name}`, fresh.drop);
  await applyMigrations({ connectionString: fresh.url });
  await seedDemoData({ connectionString: fresh.url, port: options.lbPort, scheme: "https" });
  say(`database: ${fresh.name}, migrated and seeded (callbacks https://<site>${options.lbPort === 443 ? "" : `:${options.lbPort}`}/sso/callback)`);

  const pgbouncerDir = join(dir, "pgbouncer");
  mkdirSync(pgbouncerDir);
  const pgbouncer = await startPgBouncer({ dir: pgbouncerDir, port: options.pgbouncerPort, database: fresh.name });
  onCleanup("stop pgbouncer", () => pgbouncer.server.stop());
  const pooled = new URL(fresh.url);
  pooled.port = String(options.pgbouncerPort);
  say(`pgbouncer: pid ${pgbouncer.server.pid}, 127.0.0.1:${options.pgbouncerPort}, pool_mode=transaction`);

  const appEnv: Record<string, string> = {
    DATABASE_URL: pooled.toString(),
    // PgBouncer 1.18 in transaction pooling keeps no named prepared statement between transactions.
    DATABASE_PREPARED_STATEMENTS: "false",
    // Only the load balancer's address may speak for the client (X-Forwarded-For, -Proto).
    TRUSTED_PROXIES: LB_SOURCE_ADDRESS,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    METRICS_TOKEN: randomBytes(24).toString("base64url"),
    REQUEST_LOG: "json",
    NEXT_TELEMETRY_DISABLED: "1",
    // Several instances share one PgBouncer pool of 10 server connections.
    DATABASE_POOL_MAX: "10",
    ...options.appEnv,
  };
  const instanceDir = join(dir, "instances");
  mkdirSync(instanceDir);
  const ports = Array.from({ length: options.instances }, (_, i) => options.basePort + i);
  const instances = await Promise.all(ports.map((port, i) => startInstance({ id: `app${i + 1}`, port, dir: instanceDir, env: appEnv })));
  for (const instance of instances) onCleanup(`stop instance ${instance.id}`, () => instance.server.stop());
  say(`instances: ${instances.map((i) => `${i.id} (pid ${i.server.pid}, port ${i.port})`).join(", ")}`);

  const haproxyDir = join(dir, "haproxy");
  mkdirSync(haproxyDir);
  const haproxy = await startHaproxy({ dir: haproxyDir, listenPort: options.lbPort, serverPemPath: certificates.serverPemPath, instancePorts: ports, sourceAddress: LB_SOURCE_ADDRESS });
  onCleanup("stop haproxy", () => haproxy.stop());
  say(`haproxy: pid ${haproxy.pid}, https on 127.0.0.1:${options.lbPort} and [::1]:${options.lbPort}, round robin over ${instances.length} instances`);

  return {
    dir,
    certificates,
    database: { name: fresh.name, directUrl: fresh.url, pooledUrl: pooled.toString() },
    pgbouncer,
    instances,
    async restartInstance(instance) {
      const again = await startInstance({ id: instance.id, port: instance.port, dir: instanceDir, env: appEnv });
      instance.server = again.server;
      onCleanup(`stop instance ${instance.id} (restarted)`, () => again.server.stop());
    },
    haproxy,
    haproxyLogPath: join(haproxyDir, "haproxy.log"),
    lbPort: options.lbPort,
    lbSourceAddress: LB_SOURCE_ADDRESS,
    appEnv,
  };
}
