import http from "node:http";
import { startTcpProxy } from "../test/reliability/support/tcp-proxy";
import { startAppInstance } from "../test/reliability/support/app-instance";

function get(port: number, host: string, path: string, headers: Record<string, string> = {}) {
  const started = performance.now();
  return new Promise<{ status: number; ms: number; body: string; ct: string }>((resolve) => {
    const req = http.request({ host: "127.0.0.1", port, path, headers: { host: `${host}:${port}`, ...headers }, timeout: 30000 }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: Math.round(performance.now() - started), body: body.slice(0, 150), ct: String(res.headers["content-type"]) }));
    });
    req.on("error", (e) => resolve({ status: -1, ms: Math.round(performance.now() - started), body: String(e), ct: "" }));
    req.end();
  });
}
const nav = { accept: "text/html", "sec-fetch-dest": "document", "sec-fetch-mode": "navigate", "x-forwarded-for": "10.9.9.9" };
const proxy = await startTcpProxy({ targetHost: "127.0.0.1", targetPort: 5432 });
const url = new URL(process.env.DATABASE_URL!);
url.port = String(proxy.port);
const app = await startAppInstance({ name: "probe", preferredPort: 3410, env: { DATABASE_URL: url.toString() } });
const probes = async (label: string) => {
  const results = await Promise.all([
    get(app.port, "news.localhost", "/", nav),
    get(app.port, "news.localhost", "/api/sso/status"),
    get(app.port, "auth.acme.localhost", "/sso/handshake?site=news&state=" + "a".repeat(43), nav),
    get(app.port, "news.localhost", "/sso/callback?ott=x&state=y", nav),
    get(app.port, "news.localhost", "/api/auth/csrf"),
    get(app.port, "news.localhost", "/api/auth/session"),
    get(app.port, "news.localhost", "/signin", nav),
    get(app.port, "auth.acme.localhost", "/", nav),
  ]);
  console.log(label, JSON.stringify(results, null, 0));
};
await probes("up");
await proxy.cut();
console.log("cut");
await probes("down1");
await probes("down2");
await new Promise((r) => setTimeout(r, 3000));
await probes("down3");
await proxy.restore();
console.log("restored");
await probes("after1");
await probes("after2");
await app.stop();
await proxy.close();
