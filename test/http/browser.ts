// A simulated browser for HTTP-level tests against the real server: its own cookie jar
// (host-only cookies, as browsers keep them), fetch-metadata headers like Chromium sends,
// redirects followed hop by hop (each hop recorded), and its own client IP (X-Forwarded-For)
// so rate limits of one test never leak into another. Node's resolver does not know
// *.localhost, so every request goes to 127.0.0.1 with an explicit Host header. https URLs
// (npm run topology, behind its TLS load balancer) are verified against the `ca` given.
import http from "node:http";
import https from "node:https";
import { randomInt } from "node:crypto";
import { testEnv } from "@/test/test-env";

export type Hop = { url: string; status: number; location: string | null };
export type BrowserResponse = { url: string; status: number; headers: http.IncomingHttpHeaders; body: string; hops: Hop[] };
export type BrowserOptions = {
  ip?: string;
  userAgent?: string;
  /** CA certificate(s) https answers must chain to. */
  ca?: Buffer;
  /** Called with every answer (its time, status and headers): the topology run counts them. */
  onResponse?: (answer: { url: string; method: string; status: number; headers: http.IncomingHttpHeaders }) => void;
};

type StoredCookie = { value: string; expiresAt: number | null };

/** A response body as JSON, or null when it is not JSON (the test's assertions then say so). */
export function parseJsonOrNull(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return null;
  }
}

export function appPort(): number {
  if (!testEnv.TEST_APP_PORT) throw new Error("TEST_APP_PORT is not set: run the HTTP tests through `npm test`");
  return testEnv.TEST_APP_PORT;
}

export class TestBrowser {
  readonly ip: string;
  readonly userAgent: string;
  readonly #jar = new Map<string, Map<string, StoredCookie>>();
  readonly #ca: Buffer | undefined;
  readonly #onResponse: BrowserOptions["onResponse"];

  constructor(options: BrowserOptions = {}) {
    this.ip = options.ip ?? `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
    this.userAgent = options.userAgent ?? "Mozilla/5.0 (X11; Linux x86_64) TestBrowser/1.0";
    this.#ca = options.ca;
    this.#onResponse = options.onResponse;
  }

  /** A top-level navigation: follows redirects like a browser, up to `maxHops`. */
  async navigate(url: string, options: { maxHops?: number } = {}): Promise<BrowserResponse> {
    const hops: Hop[] = [];
    let current = url;
    for (let i = 0; i <= (options.maxHops ?? 10); i++) {
      const response = await this.request(current, { navigation: true });
      const location = typeof response.headers.location === "string" ? response.headers.location : null;
      hops.push({ url: current, status: response.status, location });
      if (response.status < 300 || response.status >= 400 || !location) return { ...response, url: current, hops };
      current = new URL(location, current).toString();
    }
    throw new Error(`too many redirects from ${url}: ${hops.map((h) => h.url).join(" → ")}`);
  }

  /** One request, no redirect following. `navigation` sends the headers of a document navigation. */
  request(
    url: string,
    options: { method?: string; body?: string; headers?: Record<string, string>; navigation?: boolean; sameOrigin?: boolean } = {},
  ): Promise<Omit<BrowserResponse, "hops" | "url">> {
    const target = new URL(url);
    const headers: Record<string, string> = {
      host: target.host,
      "user-agent": this.userAgent,
      "x-forwarded-for": this.ip,
      ...(options.navigation
        ? { accept: "text/html,application/xhtml+xml", "sec-fetch-dest": "document", "sec-fetch-mode": "navigate", "sec-fetch-site": "none" }
        : { accept: "application/json", "sec-fetch-dest": "empty", "sec-fetch-mode": "cors", "sec-fetch-site": "same-origin" }),
      ...(options.sameOrigin ? { origin: target.origin } : {}),
      ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
      ...options.headers,
    };
    const cookie = this.cookieHeader(target.hostname);
    if (cookie && headers.cookie === undefined) headers.cookie = cookie;
    const secure = target.protocol === "https:";
    const method = options.method ?? "GET";
    const common = { host: "127.0.0.1", path: `${target.pathname}${target.search}`, method, headers, setHost: false };
    return new Promise((resolve, reject) => {
      const onAnswer = (response: http.IncomingMessage) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => {
          this.storeCookies(target.hostname, response.headers["set-cookie"] ?? []);
          this.#onResponse?.({ url, method, status: response.statusCode ?? 0, headers: response.headers });
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
        });
      };
      const request = secure
        ? https.request({ ...common, port: Number(target.port || 443), servername: target.hostname, ...(this.#ca ? { ca: this.#ca } : {}) }, onAnswer)
        : http.request({ ...common, port: Number(target.port || 80) }, onAnswer);
      request.on("error", reject);
      if (options.body !== undefined) request.write(options.body);
      request.end();
    });
  }

  async json<T = unknown>(url: string, options: { method?: string; body?: unknown; headers?: Record<string, string>; sameOrigin?: boolean } = {}) {
    const response = await this.request(url, {
      method: options.method ?? "GET",
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.headers ? { headers: options.headers } : {}),
      sameOrigin: options.sameOrigin ?? options.method !== undefined,
    });
    return { ...response, json: parseJsonOrNull(response.body) as T };
  }

  cookie(hostname: string, name: string): string | null {
    const stored = this.#jar.get(hostname)?.get(name);
    return stored && (stored.expiresAt === null || stored.expiresAt > Date.now()) ? stored.value : null;
  }

  /** The names of the live cookies this browser holds for a host. */
  cookieNames(hostname: string): string[] {
    const now = Date.now();
    return [...(this.#jar.get(hostname)?.entries() ?? [])].filter(([, c]) => c.expiresAt === null || c.expiresAt > now).map(([name]) => name);
  }

  setCookie(hostname: string, name: string, value: string): void {
    const jar = this.#jar.get(hostname) ?? new Map<string, StoredCookie>();
    jar.set(name, { value, expiresAt: null });
    this.#jar.set(hostname, jar);
  }

  cookieHeader(hostname: string): string {
    const jar = this.#jar.get(hostname);
    if (!jar) return "";
    const now = Date.now();
    return [...jar.entries()]
      .filter(([, c]) => c.expiresAt === null || c.expiresAt > now)
      .map(([name, c]) => `${name}=${c.value}`)
      .join("; ");
  }

  private storeCookies(hostname: string, setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const maxAge = attributes.find((a) => a.toLowerCase().startsWith("max-age="));
      const expiresAt = maxAge ? Date.now() + Number(maxAge.split("=")[1]) * 1000 : null;
      const jar = this.#jar.get(hostname) ?? new Map<string, StoredCookie>();
      if (expiresAt !== null && expiresAt <= Date.now()) jar.delete(name);
      else jar.set(name, { value, expiresAt });
      this.#jar.set(hostname, jar);
    }
  }
}
