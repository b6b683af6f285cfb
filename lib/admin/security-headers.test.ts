import { describe, expect, it } from "vitest";
import { buildAdminCsp, generateNonce, getAdminSecurityHeaders } from "./security-headers";

describe("admin host security headers", () => {
  it("allows only nonce-bearing scripts, and no framing", () => {
    const csp = buildAdminCsp({ nonce: "abc123==", isDevelopment: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  it("uses a fresh nonce per request, shaped as Next expects", () => {
    const a = generateNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(generateNonce()).not.toBe(a);
  });

  it("puts the same policy on the request (for Next's nonce) and the response, plus DENY, same-origin referrers and no-store", () => {
    const headers = getAdminSecurityHeaders({ isDevelopment: false, nonce: "n0nce" });
    expect(headers.requestHeaders["content-security-policy"]).toBe(headers.responseHeaders["content-security-policy"]);
    expect(headers.responseHeaders).toMatchObject({ "x-frame-options": "DENY", "referrer-policy": "same-origin", "cache-control": "no-store" });
  });
});
