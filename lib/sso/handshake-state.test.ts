import { describe, expect, it } from "vitest";
import {
  buildHandshakeUrl,
  countHandshakesInFlight,
  createHandshakeState,
  handshakesInFlight,
  handshakeStateCookieName,
  parseHandshakeState,
  serializeHandshakeState,
} from "./handshake-state";

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

  it("one state cookie per handshake, named from its nonce (not the nonce itself), __Host- when secure", () => {
    const [a, b] = [createHandshakeState("/a"), createHandshakeState("/b")];
    const name = handshakeStateCookieName(a.state, true);
    expect(name).toMatch(/^__Host-mss_sso_state_[A-Za-z0-9_-]{16}$/);
    expect(name).not.toContain(a.state.slice(0, 8));
    expect(handshakeStateCookieName(a.state, true)).toBe(name);
    expect(handshakeStateCookieName(b.state, true)).not.toBe(name);
    expect(handshakeStateCookieName(a.state, false)).toMatch(/^mss_sso_state_[A-Za-z0-9_-]{16}$/);
  });

  it("counts the browser's handshakes in flight from its state cookies only, and reads where each returns", () => {
    const a = createHandshakeState("/articles/a");
    const cookies = [
      { name: handshakeStateCookieName(a.state, true), value: serializeHandshakeState(a) },
      { name: "__Host-mss_sso_state_garbage-garbage-", value: "x" },
      { name: "__Host-mss_session", value: "s" },
      { name: "__Host-mss_sso_state", value: "legacy" },
    ];
    expect(countHandshakesInFlight(cookies.map((c) => c.name), true)).toBe(2);
    expect(handshakesInFlight(cookies, true)).toEqual(["/articles/a", "/"]);
  });

  it("keeps a stored return path short enough for several state cookies: the query goes first, then the whole path", () => {
    expect(createHandshakeState(`/articles/x?utm=${"u".repeat(2000)}`).returnPath).toBe("/articles/x");
    expect(createHandshakeState(`/${"p".repeat(1500)}`).returnPath).toBe("/");
    expect(createHandshakeState("/articles/x?ref=home").returnPath).toBe("/articles/x?ref=home");
  });

  it("sends the browser to the auth domain's handshake with the site slug and state only", () => {
    const url = new URL(buildHandshakeUrl({ authOrigin: "http://auth.acme.localhost:3000", siteSlug: "news", state: "S" }));
    expect(url.origin).toBe("http://auth.acme.localhost:3000");
    expect(url.pathname).toBe("/sso/handshake");
    expect([...url.searchParams.keys()]).toEqual(["site", "state"]);
  });
});
