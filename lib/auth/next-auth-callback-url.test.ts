import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isAcceptableCallbackUrl, resolveNextAuthRedirect, withoutUnacceptableCallbackCookies } from "./next-auth-callback-url";

const base = "http://news.localhost:3000";

describe("resolveNextAuthRedirect (next-auth's redirect callback)", () => {
  it("never throws and never leaves the site's origin, for any string (property, 2 000 cases)", () => {
    const candidate = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.webUrl(),
      fc.webPath(),
      fc.constantFrom("//evil.example", "/\\evil.example", "/.//evil.example", "http://news.localhost:3000.evil.example/", "javascript:alert(1)", "AAAA"),
    );
    fc.assert(
      fc.property(candidate, (url) => {
        const target = resolveNextAuthRedirect(url, base);
        expect(new URL(target).origin).toBe(base);
        expect(target.startsWith(`${base}/`) || target === base).toBe(true);
      }),
      { seed: 20_261_122, numRuns: 2_000 },
    );
  });

  it("keeps same-site paths and same-origin URLs, sends anything else home", () => {
    expect(resolveNextAuthRedirect("/account?x=1", base)).toBe(`${base}/account?x=1`);
    expect(resolveNextAuthRedirect(`${base}/signin`, base)).toBe(`${base}/signin`);
    expect(resolveNextAuthRedirect("https://evil.example/", base)).toBe(base);
    expect(resolveNextAuthRedirect("//evil.example/", base)).toBe(`${base}/`);
    expect(resolveNextAuthRedirect("not a url", base)).toBe(base);
  });
});

describe("callbackUrl values next-auth would answer with a 500", () => {
  it("are recognised as next-auth recognises them", () => {
    expect(isAcceptableCallbackUrl("/account")).toBe(true);
    expect(isAcceptableCallbackUrl("https://evil.example/")).toBe(true); // next-auth's redirect rule handles it
    expect(isAcceptableCallbackUrl("AAAA")).toBe(false);
    expect(isAcceptableCallbackUrl("javascript:alert(1)")).toBe(false);
  });

  it("are dropped from the Cookie header, other cookies kept", () => {
    expect(withoutUnacceptableCallbackCookies("a=1; __Host-next-auth.callback-url=AAAA; b=2")).toBe("a=1; b=2");
    expect(withoutUnacceptableCallbackCookies("__Secure-next-auth.callback-url=%zz")).toBe("");
    expect(withoutUnacceptableCallbackCookies("__Secure-next-auth.callback-url=http%3A%2F%2Fnews.localhost")).toBeNull();
    expect(withoutUnacceptableCallbackCookies(null)).toBeNull();
  });
});
