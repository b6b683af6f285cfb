// The HTTP-level checks through the load balancer, over https on the demo names, as a browser
// performs the requests (test/http/browser.ts, verifying the certificate against the local CA):
// handshake hops on different instances, Auto Login across instances, the cookie policy, HSTS,
// and whose address the app believes.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { TestBrowser } from "@/test/http/browser";
import type { Topology } from "./topology";
import { instancesSince, type Traffic } from "./traffic";

export type CheckResult = { name: string; ok: boolean; detail: string };

export const NEWS = "news.localhost";
export const SPORT = "sport.localhost";
export const AUTH = "auth.acme.localhost";
export const DEMO_READER = { email: "reader@example.com", password: "reader-password-1" };

export function lbUrl(topology: Pick<Topology, "lbPort">, host: string, path = "/"): string {
  return `https://${host}${topology.lbPort === 443 ? "" : `:${topology.lbPort}`}${path}`;
}

/** next-auth's Credentials sign-in, as the site's form posts it. */
export async function signIn(topology: Topology, browser: TestBrowser, host: string, reader = DEMO_READER): Promise<number> {
  const csrf = await browser.json<{ csrfToken: string }>(lbUrl(topology, host, "/api/auth/csrf"));
  const form = new URLSearchParams({ csrfToken: csrf.json.csrfToken, email: reader.email, password: reader.password, json: "true" });
  const answer = await browser.request(lbUrl(topology, host, "/api/auth/callback/credentials"), {
    method: "POST",
    body: form.toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
    sameOrigin: true,
  });
  return answer.status;
}

export async function ssoStatus(topology: Topology, browser: TestBrowser, host: string): Promise<{ status: number; sso: string | null }> {
  const answer = await browser.json<{ status?: string }>(lbUrl(topology, host, "/api/sso/status"));
  return { status: answer.status, sso: answer.json?.status ?? null };
}

/** Hop instances of one navigation: each must differ from the one before (round robin, no stickiness). */
function hopsAlternate(instances: (string | null)[]): boolean {
  return instances.every((id, i) => id !== null && (i === 0 || id !== instances[i - 1]));
}

/**
 * Fresh browsers open a news page: site → auth domain → callback → page, each hop a new request
 * that the balancer sends to the next instance. Returns the instances per hop of each handshake.
 * `serving`: the instances that must (and the only ones that may) serve hops. `alternating`: each
 * hop on another instance than the one before — strict round robin, which holds only while no
 * other client's requests interleave.
 */
export async function checkHandshakeHops(
  topology: Topology,
  traffic: Traffic,
  browsers: number,
  options: { serving?: string[]; alternating: boolean },
): Promise<CheckResult & { handshakes: (string | null)[][] }> {
  const serving = options.serving ?? topology.instances.map((i) => i.id);
  const handshakes: (string | null)[][] = [];
  const problems: string[] = [];
  for (let i = 0; i < browsers; i++) {
    const browser = traffic.browser();
    const page = await browser.navigate(lbUrl(topology, NEWS, "/"));
    const instances = instancesSince(traffic, browser, 0);
    handshakes.push(instances);
    const path = page.hops.map((hop) => new URL(hop.url).hostname).join(" → ");
    if (page.status !== 200) problems.push(`handshake ${i + 1} ended ${page.status}`);
    if (page.hops.length !== 4 || new URL(page.hops[1]?.url ?? "https://x").hostname !== AUTH) problems.push(`handshake ${i + 1} went ${path}`);
    if (options.alternating && !hopsAlternate(instances)) problems.push(`handshake ${i + 1}: two hops in a row on one instance (${instances.join(" → ")})`);
  }
  const seen = [...new Set(handshakes.flat())].map(String).sort();
  if (seen.join() !== [...serving].sort().join()) problems.push(`hops served by [${seen.join(", ")}], expected [${serving.join(", ")}]`);
  return {
    name: `${browsers} handshakes (site → auth domain → callback → page)${options.alternating ? ", each hop on another instance than the one before" : ""}, hops on ${serving.join(", ")}`,
    ok: problems.length === 0,
    detail: problems.length > 0 ? problems.join("; ") : handshakes.map((h) => h.join("→")).join(", "),
    handshakes,
  };
}

/** Auto Login across instances: signed in on news (one instance), sport renders signed in (others). */
export async function checkAutoLogin(topology: Topology, traffic: Traffic): Promise<CheckResult> {
  const browser = traffic.browser();
  await browser.navigate(lbUrl(topology, NEWS, "/"));
  const signedIn = await signIn(topology, browser, NEWS);
  const from = traffic.answersOf(browser).length;
  const sport = await browser.navigate(lbUrl(topology, SPORT, "/"));
  const hops = instancesSince(traffic, browser, from);
  const status = await ssoStatus(topology, browser, SPORT);
  const ok = signedIn === 200 && sport.status === 200 && sport.body.includes("Signed in as") && status.sso === "authenticated" && hopsAlternate(hops);
  return { name: "Auto Login: signed in on news, sport renders signed in after one handshake", ok, detail: `sign-in ${signedIn}, sport ${sport.status} via ${hops.join("→")}, status ${status.sso}` };
}

/** Every Set-Cookie the clients saw: Secure, __Host- prefix, no Domain, Path=/, HttpOnly. */
export function checkCookies(traffic: Traffic): CheckResult & { cookies: number } {
  const problems = new Set<string>();
  let cookies = 0;
  for (const answer of traffic.answers) {
    for (const line of answer.setCookies) {
      cookies += 1;
      const [, ...attributes] = line.split(";").map((part) => part.trim().toLowerCase());
      // One state cookie per handshake (mss_sso_state_<id>): reported once, as a kind.
      const name = line.slice(0, line.indexOf("=")).replace(/(mss_sso_state_)[A-Za-z0-9_-]+$/, "$1*");
      if (!name.startsWith("__Host-")) problems.add(`${name}: no __Host- prefix`);
      if (!attributes.includes("secure")) problems.add(`${name}: not Secure`);
      if (!attributes.includes("httponly")) problems.add(`${name}: not HttpOnly`);
      if (!attributes.includes("path=/")) problems.add(`${name}: Path is not /`);
      if (attributes.some((a) => a.startsWith("domain="))) problems.add(`${name}: has a Domain`);
    }
  }
  return { name: "every cookie set over https is Secure, __Host-, HttpOnly, Path=/, host-only", ok: problems.size === 0 && cookies > 0, detail: problems.size > 0 ? [...problems].join("; ") : `${cookies} Set-Cookie headers`, cookies };
}

/** Every answer over https carries Strict-Transport-Security. */
export function checkHsts(traffic: Traffic): CheckResult {
  const https = traffic.answers.filter((a) => a.url.startsWith("https:"));
  const missing = https.filter((a) => !/max-age=[1-9]\d*/.test(a.hsts ?? ""));
  const sample = https.find((a) => a.hsts)?.hsts ?? "none";
  return { name: "HSTS on every answer over https", ok: missing.length === 0 && https.length > 0, detail: missing.length > 0 ? `${missing.length} of ${https.length} without: ${missing.slice(0, 3).map((a) => `${a.status} ${a.url}`).join(", ")}` : `${https.length} answers, "${sample}"` };
}

/** The address the app logged for the request with this id (REQUEST_LOG=json), from any instance's log. */
function loggedAddress(topology: Topology, requestId: string): string | null {
  for (const instance of topology.instances) {
    for (const line of readFileSync(instance.logPath, "utf8").split("\n")) {
      if (!line.includes(requestId)) continue;
      try {
        const parsed = JSON.parse(line) as { requestId?: string; ip?: string };
        if (parsed.requestId === requestId && parsed.ip) return parsed.ip;
      } catch {
        // not a request line
      }
    }
  }
  return null;
}

/**
 * Client addresses come from the one trusted hop: through the balancer the app logs the address
 * haproxy saw (127.0.0.1), not the X-Forwarded-For the client sent; a client that talks to an
 * instance directly (not from the balancer's address) is believed neither about its address nor
 * about https (no HSTS).
 */
export async function checkClientAddresses(topology: Topology, traffic: Traffic): Promise<CheckResult> {
  const spoofed = "203.0.113.66";
  const browser = traffic.browser();
  const viaLb = `topology-lb-${randomUUID()}`;
  await browser.request(lbUrl(topology, NEWS, "/api/sso/status"), { headers: { "x-forwarded-for": spoofed, "x-request-id": viaLb } });
  const direct = `topology-direct-${randomUUID()}`;
  const instance = topology.instances.find((i) => i.server.isRunning());
  const answer = await browser.request(`http://${NEWS}:${instance?.port ?? 0}/api/sso/status`, { headers: { "x-forwarded-for": spoofed, "x-forwarded-proto": "https", "x-request-id": direct } });
  // The log line is written as the answer is sent; give the file a moment.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const [lbSeen, directSeen] = [loggedAddress(topology, viaLb), loggedAddress(topology, direct)];
  const directHsts = typeof answer.headers["strict-transport-security"] === "string";
  const ok = lbSeen === "127.0.0.1" && directSeen === "127.0.0.1" && !directHsts;
  return {
    name: "client address from the one trusted hop: a client's X-Forwarded-For (and, off the balancer, X-Forwarded-Proto) is not believed",
    ok,
    detail: `via haproxy with X-Forwarded-For ${spoofed}: app logged ${lbSeen}; straight to ${instance?.id} with X-Forwarded-For ${spoofed} and -Proto https: logged ${directSeen}, HSTS ${directHsts ? "sent" : "not sent"}`,
  };
}
