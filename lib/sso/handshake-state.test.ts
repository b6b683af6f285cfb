import { describe, expect, it } from "vitest";
import { buildHandshakeUrl, createHandshakeState, parseHandshakeState, serializeHandshakeState } from "./handshake-state";

describe("handshake state cookie", () => {
  it("round-trips the nonce and the return path", () => {
    const value = createHandshakeState("/articles/x?y=1");
    expect(parseHandshakeState(serializeHandshakeState(value))).toEqual(value);
  });

  it("never carries an off-site return path, even when the cookie is forged", () => {
    const forged = `${createHandshakeState("/").state}.${Buffer.from("//evil.example/").toString("base64url")}`;
    expect(parseHandshakeState(forged)?.returnPath).toBe("/");
    expect(createHandshakeState("https://evil.example/").returnPath).toBe("/");
  });

  it.each(["", "nodot", "short.Lw", `${"a".repeat(43)}.!!`, "x".repeat(5000)])("refuses a garbage cookie (%s)", (bad) => {
    expect(parseHandshakeState(bad)).toBeNull();
  });

  it("sends the browser to the auth domain's handshake with the site slug and state only", () => {
    const url = new URL(buildHandshakeUrl({ authOrigin: "http://auth.acme.localhost:3000", siteSlug: "news", state: "S" }));
    expect(url.origin).toBe("http://auth.acme.localhost:3000");
    expect(url.pathname).toBe("/sso/handshake");
    expect([...url.searchParams.keys()]).toEqual(["site", "state"]);
  });
});
