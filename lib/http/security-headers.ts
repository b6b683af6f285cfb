// Headers for responses that carry secrets in their URL or Location (handshake, callback):
// no Referer may leak the OTT, nothing may be cached, nothing third-party may load.
export const secretBearingHeaders: Record<string, string> = {
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  "x-content-type-options": "nosniff",
};

export function redirectResponse(location: string, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 302, headers: { ...secretBearingHeaders, ...headers, location } });
}
