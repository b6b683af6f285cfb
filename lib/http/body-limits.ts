// The largest request bodies of the HTTP contract. The JSON endpoints cap their own bodies
// (≤ 4 KiB, lib/http/read-json-body.ts); next-auth's forms (sign-in, registration, sign-out, on
// sites and the admin host) are the largest: ≤ 8 KiB. Nothing larger is ever accepted, so the
// proxy refuses it before Next buffers it (next.config.js sets Next's buffer for the proxy,
// `experimental.proxyClientMaxBodySize`, to the same number; a test keeps them equal).

/** next-auth's url-encoded forms: an email and a name (≤ 254 and ≤ 100 characters, each maybe 12 bytes encoded), a password, a CSRF token, a callback URL. */
export const NEXT_AUTH_FORM_MAX_BYTES = 8192;

/** The largest body any endpoint accepts. */
export const MAX_REQUEST_BODY_BYTES = NEXT_AUTH_FORM_MAX_BYTES;
