// One HTTP request to one app instance, exactly as given (Host header, path bytes, headers, body),
// with its latency, and the checks every answer of ours must pass: never a 5xx (unless the test
// expects one), redirects only onto the registered hosts, errors in the specified shape.
import http from "node:http";
import { expect } from "vitest";
import { isSafeLocation } from "../../http/sso-steps";

export type Answer = {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  ms: number;
};

export function send(options: {
  port: number;
  host: string;
  path: string;
  method?: string;
  /** A list sends the header once per value (several lines of the same name). */
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  timeoutMs?: number;
}): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | string[]> = { host: `${options.host}:${options.port}`, ...options.headers };
    if (options.body !== undefined) headers["content-length"] = String(Buffer.byteLength(options.body));
    const request = http.request(
      { host: "127.0.0.1", port: options.port, method: options.method ?? "GET", path: options.path, headers, setHost: false, timeout: options.timeoutMs ?? 15_000 },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - started }),
        );
        response.on("error", reject);
      },
    );
    let answered = false;
    request.on("response", () => (answered = true));
    request.on("timeout", () => request.destroy(new Error(`no answer within ${options.timeoutMs ?? 15_000} ms: ${options.method ?? "GET"} ${options.host}${options.path.slice(0, 100)}`)));
    // The server may answer and close before reading a whole body: not a failure once answered.
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    if (options.body !== undefined) request.write(options.body);
    request.end();
  });
}

export function locationOf(answer: Pick<Answer, "headers">): string | null {
  return typeof answer.headers.location === "string" ? answer.headers.location : null;
}

export function isApiPath(path: string): boolean {
  const pathname = path.split("?")[0] ?? "";
  return pathname === "/api" || pathname.startsWith("/api/");
}

/** The error shape of design §5, exactly: {"error": {"code": "snake_case", "message": "…"}}. */
export function expectErrorShape(answer: Answer, label: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    throw new Error(`${label}: ${answer.status} is not the JSON error shape: ${JSON.stringify(answer.body.slice(0, 200))}`);
  }
  expect(parsed, `${label}: error shape of ${answer.status}`).toEqual({ error: { code: expect.stringMatching(/^[a-z]+(_[a-z]+)*$/), message: expect.any(String) } });
  expect(String(answer.headers["content-type"]), label).toMatch(/^application\/json/);
}

/**
 * What every answer to anything must satisfy: no 5xx; a redirect only onto `allowedHosts` (or a
 * relative path on this host); a 4xx on an /api path in the error shape, elsewhere a page with
 * nothing to follow.
 */
export function expectWellBehaved(answer: Answer, options: { path: string; allowedHosts: readonly string[]; label: string; rsc?: boolean }): void {
  const { label } = options;
  expect(answer.status, `${label}: ${answer.status} ${answer.body.slice(0, 300)}`).toBeGreaterThanOrEqual(200);
  expect(answer.status, `${label}: ${answer.status} ${answer.body.slice(0, 300)}`).toBeLessThan(500);
  const location = locationOf(answer);
  if (answer.status >= 300 && answer.status < 400) {
    expect(location, `${label}: a ${answer.status} without a Location`).not.toBeNull();
    expect(isSafeLocation(location as string, options.allowedHosts), `${label}: Location off the registered hosts: ${location}`).toBe(true);
  }
  if (answer.status >= 400) {
    if (isApiPath(options.path)) expectErrorShape(answer, label);
    else {
      expect(location, `${label}: an error page must not redirect`).toBeNull();
      // A page asked for as React Server Components (RSC: 1) answers in that format, errors too.
      // Next answers a 404 for a non-document fetch (Sec-Fetch-Dest: image…) in plain text: also a plain page.
      const pageType = options.rsc ? /^(text\/html|text\/plain|text\/x-component)/ : /^(text\/html|text\/plain)/;
      expect(String(answer.headers["content-type"]), `${label}: type of a ${answer.status} page (${JSON.stringify(answer.headers)} ${answer.body.slice(0, 200)})`).toMatch(pageType);
    }
  }
}
