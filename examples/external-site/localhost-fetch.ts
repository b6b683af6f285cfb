// Development shim: Node's resolver does not know *.localhost (browsers resolve it to loopback
// themselves), so calls to http://auth.acme.localhost:3000 go to 127.0.0.1 with the Host
// header kept. Anything else goes to the real fetch. Not for production: there the auth
// domain has a real DNS name and https.
import http from "node:http";

export function createLocalhostFetch(realFetch: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    if (url.protocol !== "http:" || !(url.hostname === "localhost" || url.hostname.endsWith(".localhost"))) return realFetch(input, init);
    const headers = new Headers(init?.headers);
    headers.set("host", url.host);
    const body = typeof init?.body === "string" ? init.body : undefined;
    if (body !== undefined) headers.set("content-length", String(Buffer.byteLength(body)));
    return new Promise<Response>((resolve, reject) => {
      const request = http.request(
        { host: "127.0.0.1", port: Number(url.port || 80), path: `${url.pathname}${url.search}`, method: init?.method ?? "GET", headers: Object.fromEntries(headers), setHost: false, signal: init?.signal ?? undefined },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => {
            const responseHeaders = new Headers();
            for (const [name, value] of Object.entries(response.headers)) {
              if (typeof value === "string") responseHeaders.set(name, value);
              else if (Array.isArray(value)) for (const item of value) responseHeaders.append(name, item);
            }
            resolve(new Response(Buffer.concat(chunks), { status: response.statusCode ?? 500, headers: responseHeaders }));
          });
          response.on("error", reject);
        },
      );
      request.on("error", reject);
      if (body !== undefined) request.write(body);
      request.end();
    });
  };
}
