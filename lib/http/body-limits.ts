// The largest request bodies of the HTTP contract. The JSON endpoints cap their own bodies
// (≤ 4 KiB, lib/http/read-json-body.ts); next-auth's forms (sign-in, registration, sign-out, on
// sites and the admin host) are the largest: ≤ 8 KiB. Nothing larger is ever accepted: the
// proxy refuses a larger Content-Length with a 413 before any route runs.
//
// Next buffers every request body for the proxy (`experimental.proxyClientMaxBodySize`,
// next.config.js; default 10 MB). Set to PROXY_BODY_BUFFER_BYTES, kept equal by a test. Why not
// 8 KiB too: past the limit Next silently cuts the body short for the route, dropping the whole
// read that crossed it (up to 64 KiB). A chunked body (no Content-Length) must still reach its
// route with more than the route's cap, so the route answers its clear 413 instead of parsing a
// truncated form or JSON: the buffer is the cap plus more than one read.

/** next-auth's url-encoded forms: an email and a name (each maybe 12 bytes a character once encoded), a password, a CSRF token, a callback URL. */
export const NEXT_AUTH_FORM_MAX_BYTES = 8192;

/** The largest body any endpoint accepts. */
export const MAX_REQUEST_BODY_BYTES = NEXT_AUTH_FORM_MAX_BYTES;

/** Next's buffer for the proxy: the largest body plus two of Node's socket reads (64 KiB each). */
export const PROXY_BODY_BUFFER_BYTES = 128 * 1024 + MAX_REQUEST_BODY_BYTES;
