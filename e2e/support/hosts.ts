// Demo hosts as the browser reaches them (Chromium resolves *.localhost to loopback itself),
// and a raw HTTP helper for Node, whose resolver does not: it connects to 127.0.0.1 and
// sends the Host header explicitly (fetch would drop it).
import http from "node:http";
import { testEnv } from "@/test/test-env";

export const port = testEnv.E2E_PORT;

export function hostUrl(hostname: string, path = "/"): string {
  return `http://${hostname}:${port}${path}`;
}

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

export function rawRequest(options: { host: string; path?: string; method?: string; headers?: Record<string, string> }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        path: options.path ?? "/",
        method: options.method ?? "GET",
        headers: { host: options.host, ...options.headers },
        // Node validates header values; `setHost: false` keeps ours exactly as given.
        setHost: false,
      },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on("error", reject);
    request.end();
  });
}
