// The TLS-terminating load balancer: haproxy (Debian's 2.6). Chosen over nginx and Caddy for
// what this topology must show: active health checks in the free version (nginx's are Plus-only;
// its passive max_fails only notices a dead instance by failing a reader's request), per-request
// round robin over kept-alive connections, retries of a refused connection on another instance
// (redispatch), and a config small enough to quote. Caddy would also do, but is not in Debian 12.
import { openSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startChildServer, type ChildServer } from "../child-server";

export type HaproxySettings = {
  dir: string;
  /** Where browsers connect (443: the https default, so URLs carry no port). */
  listenPort: number;
  serverPemPath: string;
  instancePorts: number[];
  /**
   * The address haproxy connects to the instances FROM: the only address their TRUSTED_PROXIES
   * names. A loopback alias, so a client on 127.0.0.1 talking to an instance directly is not
   * taken for the load balancer.
   */
  sourceAddress: string;
};

/** The reference config (docs/deployment.md quotes what this writes). */
export function haproxyConfig(settings: HaproxySettings): string {
  const servers = settings.instancePorts
    .map((port, index) => `    server app${index + 1} 127.0.0.1:${port} check`)
    .join("\n");
  return `global
    log stdout format raw local0 info
    maxconn 4096
    ssl-default-bind-options ssl-min-ver TLSv1.2 no-tls-tickets
    ssl-default-bind-ciphersuites TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256
    ssl-default-bind-ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305

defaults
    mode http
    log global
    option httplog
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    timeout http-keep-alive 10s
    # An instance's first answers after a start take a second or two (Next warms up).
    timeout check 3s
    # A connection an instance refused (it died) is tried again on another one; a request it
    # answered, even with an error, is never replayed (a 503 from the database must reach the client).
    retries 2
    option redispatch 1
    retry-on conn-failure empty-response response-timeout

frontend https
    bind 127.0.0.1:${settings.listenPort} ssl crt ${settings.serverPemPath} alpn h2,http/1.1
    bind [::1]:${settings.listenPort} ssl crt ${settings.serverPemPath} alpn h2,http/1.1
    # The app believes these only from this proxy's address (TRUSTED_PROXIES): the client's own
    # X-Forwarded-For is kept and this proxy APPENDS the address it saw, so the app takes the
    # entry written by its one trusted hop and ignores whatever the client claimed before it.
    option forwardfor
    http-request set-header X-Forwarded-Proto https
    # HSTS is the app's (HSTS_MAX_AGE_SECONDS), set on answers served over https.
    default_backend app

backend app
    balance roundrobin
    # No stickiness: any instance serves any step of a handshake (design §8).
    source ${settings.sourceAddress}
    option httpchk
    http-check send meth GET uri /api/health ver HTTP/1.1 hdr Host health.check
    http-check expect status 200
    default-server inter 1s fall 2 rise 2
${servers}
`;
}

export async function startHaproxy(settings: HaproxySettings): Promise<ChildServer> {
  const cfg = join(settings.dir, "haproxy.cfg");
  writeFileSync(cfg, haproxyConfig(settings));
  const log = openSync(join(settings.dir, "haproxy.log"), "a");
  return startChildServer({
    name: "haproxy",
    command: "/usr/sbin/haproxy",
    // -db: stay in the foreground (its PID is the one we stop); -f: our config only.
    args: ["-db", "-f", cfg],
    port: settings.listenPort,
    // Its log's timestamps in UTC, as haproxy-log.ts reads them.
    env: { ...process.env, TZ: "UTC" },
    stdio: ["ignore", log, log],
    timeoutMs: 15_000,
  });
}
