// Per-request facts the proxy hands to the route handler it rewrites to, in internal request
// headers (the proxy strips any incoming x-mss-* header, so only it can set them): the request
// id, which part of the product serves the host, the public path (before the rewrite) and when
// the proxy started, so a handler's log line and latency cover the whole request.
export const REQUEST_ID_HEADER = "x-request-id";
const INTERNAL_REQUEST_ID = "x-mss-request-id";
const INTERNAL_PART = "x-mss-part";
const INTERNAL_PUBLIC_PATH = "x-mss-public-path";
const INTERNAL_STARTED_AT = "x-mss-started-at";

export type ProductPart = "site" | "auth-domain" | "admin" | "ops" | "none";

export type RequestAnnotations = { requestId: string; part: ProductPart; publicPath: string; startedAt: number };

/** A load balancer's request id is kept (so logs join up across hops) when it is a plain token; anything else is replaced. */
const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function requestIdFrom(headers: Headers): string {
  const incoming = headers.get(REQUEST_ID_HEADER);
  return incoming && ACCEPTABLE_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
}

export function annotateRequest(headers: Headers, annotations: RequestAnnotations): Headers {
  headers.set(INTERNAL_REQUEST_ID, annotations.requestId);
  headers.set(INTERNAL_PART, annotations.part);
  headers.set(INTERNAL_PUBLIC_PATH, annotations.publicPath);
  headers.set(INTERNAL_STARTED_AT, String(annotations.startedAt));
  return headers;
}

const PARTS: readonly ProductPart[] = ["site", "auth-domain", "admin", "ops", "none"];

/** What the proxy annotated; sane defaults when a request somehow arrives without (e.g. a unit test). */
export function readRequestAnnotations(headers: Headers, fallbackPath: string): RequestAnnotations {
  const part = headers.get(INTERNAL_PART);
  const startedAt = Number(headers.get(INTERNAL_STARTED_AT));
  const now = Date.now();
  return {
    requestId: headers.get(INTERNAL_REQUEST_ID) ?? requestIdFrom(headers),
    part: PARTS.includes(part as ProductPart) ? (part as ProductPart) : "none",
    publicPath: headers.get(INTERNAL_PUBLIC_PATH) ?? fallbackPath,
    // Same process, same clock; anything implausible falls back to "now".
    startedAt: Number.isFinite(startedAt) && startedAt <= now && now - startedAt < 600_000 ? startedAt : now,
  };
}
