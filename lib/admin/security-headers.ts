// Security headers of the admin host, computed per request and applied by proxy.ts.
//
// CSP with a per-request nonce: Next.js reads the nonce from the request's
// Content-Security-Policy header and puts it on its own scripts (every console page is
// dynamically rendered, which nonces require). 'strict-dynamic' lets those scripts load the
// page's chunks. style-src keeps 'unsafe-inline': React renders style attributes and Next
// injects small style tags, and nonces cannot cover attributes — injected CSS cannot run code,
// so the script policy is what stops XSS. The console may not be framed (clickjacking),
// leaks no URL to other origins, and nothing of it is ever cached.
export type AdminSecurityHeaders = {
  /** Set on the request the app renders (Next takes the nonce from here). */
  requestHeaders: Record<string, string>;
  /** Set on the response to the browser. */
  responseHeaders: Record<string, string>;
};

export function generateNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function buildAdminCsp(options: { nonce: string; isDevelopment: boolean }): string {
  return [
    "default-src 'self'",
    // Development only: React's dev build evaluates code for its error overlay.
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.isDevelopment ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function getAdminSecurityHeaders(options: { isDevelopment: boolean; nonce?: string }): AdminSecurityHeaders {
  const nonce = options.nonce ?? generateNonce();
  const csp = buildAdminCsp({ nonce, isDevelopment: options.isDevelopment });
  return {
    requestHeaders: { "content-security-policy": csp },
    responseHeaders: {
      "content-security-policy": csp,
      "x-frame-options": "DENY",
      "referrer-policy": "same-origin",
      "x-content-type-options": "nosniff",
      "cross-origin-opener-policy": "same-origin",
      "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
      "cache-control": "no-store",
    },
  };
}
