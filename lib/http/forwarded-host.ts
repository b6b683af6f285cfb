// The Host header, validated against the database by the proxy, is the one name of a request.
// next-auth (v4, with AUTH_TRUST_HOST) builds its URLs and judges callbackUrl against
// X-Forwarded-Host when one is present, so a client-sent X-Forwarded-Host would make it
// advertise and redirect to any host. The proxy pins it to the validated Host instead.
export function pinForwardedHost(headers: Headers, host: string): Headers {
  headers.set("x-forwarded-host", host);
  return headers;
}
