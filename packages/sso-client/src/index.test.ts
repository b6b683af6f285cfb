import { describe, expect, it } from "vitest";
import {
  callbackStateCookieName,
  constantTimeEqual,
  HANDSHAKE_CONCURRENT_WINDOW_MS,
  HANDSHAKE_RETRY_AFTER_FAILURE_MS,
  handshakesInFlight,
  MAX_HANDSHAKES_IN_FLIGHT,
  parseStateCookie,
  sanitizeReturnPath,
  serializeStateCookie,
  shouldStartHandshake,
  SsoApiError,
  SsoClient,
  stateCookieName,
} from "./index";

function fakeFetch(answer: (url: string, init: RequestInit) => Response): { fetch: typeof fetch; calls: { url: string; init: RequestInit }[] } {
  const calls: { url: string; init: RequestInit }[] = [];
  return {
    calls,
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      calls.push({ url: String(input), init: init ?? {} });
      return answer(String(input), init ?? {});
    }) as typeof fetch,
  };
}

const options = { authOrigin: "https://auth.acme.example/ignored/path", siteSlug: "partner", clientId: "acme-partner", clientSecret: "s3cret" };

describe("one state cookie per handshake (tabs run several at once)", () => {
  it("names each handshake's cookie after its nonce, and the callback finds it from its query", () => {
    const client = new SsoClient({ ...options, fetch: fakeFetch(() => new Response()).fetch });
    const [a, b] = [client.startHandshake("/a"), client.startHandshake("/b")];
    const nameA = stateCookieName("__Host-sso_state", a.state);
    expect(nameA).toMatch(/^__Host-sso_state_[0-9a-f]{14}$/);
    expect(nameA).not.toContain(a.state.slice(0, 8));
    expect(stateCookieName("__Host-sso_state", b.state)).not.toBe(nameA);
    expect(callbackStateCookieName("__Host-sso_state", `ott=x&state=${a.state}`)).toBe(nameA);
    expect(callbackStateCookieName("__Host-sso_state", `ott=x&state=${a.state}&state=${b.state}`)).toBeNull();
    expect(callbackStateCookieName("__Host-sso_state", "ott=x&state=short")).toBeNull();
    const cookies: [string, string][] = [[nameA, a.stateCookie], [stateCookieName("__Host-sso_state", b.state), b.stateCookie], ["__Host-sso_state", "legacy"], ["sid", "x"]];
    expect(handshakesInFlight("__Host-sso_state", cookies)).toEqual(["/a", "/b"]);
  });

  it("another tab's page starts its own handshake while one is in flight; the same page again, a full set in flight, or an old attempt do not", () => {
    const now = 1_000_000;
    const base = { isPageNavigation: true, isLinked: false, lastFailedAt: null, now };
    expect(shouldStartHandshake({ ...base, lastStartedAt: now - 100, returnPath: "/b", handshakesInFlight: ["/a"] })).toBe(true);
    expect(shouldStartHandshake({ ...base, lastStartedAt: now - 100, returnPath: "/a", handshakesInFlight: ["/a"] })).toBe(false);
    expect(shouldStartHandshake({ ...base, lastStartedAt: now - 100 })).toBe(false);
    expect(shouldStartHandshake({ ...base, lastStartedAt: now - HANDSHAKE_CONCURRENT_WINDOW_MS - 1, returnPath: "/b", handshakesInFlight: ["/a"] })).toBe(false);
    const full = Array.from({ length: MAX_HANDSHAKES_IN_FLIGHT }, (_, i) => `/p${i}`);
    expect(shouldStartHandshake({ ...base, lastStartedAt: null, returnPath: "/b", handshakesInFlight: full })).toBe(false);
  });
});

describe("SsoClient", () => {
  it("starts a handshake at the auth domain with a fresh 256-bit state, kept with the return path in the cookie value", () => {
    const client = new SsoClient({ ...options, fetch: fakeFetch(() => new Response()).fetch });
    const first = client.startHandshake("/articles/1?page=2");
    const second = client.startHandshake("/");
    const url = new URL(first.url);
    expect(url.origin + url.pathname).toBe("https://auth.acme.example/sso/handshake");
    expect(url.searchParams.get("site")).toBe("partner");
    const state = url.searchParams.get("state");
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new URL(second.url).searchParams.get("state")).not.toBe(state);
    expect(parseStateCookie(first.stateCookie)).toEqual({ state, returnPath: "/articles/1?page=2" });
  });

  it("exchanges the OTT with HTTP Basic client credentials when the state matches its cookie", async () => {
    const answer = { session: "h".repeat(43), mode: "auto_login", status: "authenticated", user: { id: "u", email: "a@b.c", displayName: null }, meta: { reader: {} } };
    const fake = fakeFetch(() => Response.json(answer));
    const client = new SsoClient({ ...options, fetch: fake.fetch });
    const { stateCookie } = client.startHandshake("/back");
    const state = parseStateCookie(stateCookie)?.state ?? "";
    const result = await client.handleCallback({ query: `ott=${"o".repeat(43)}&state=${state}`, stateCookie, userAgent: "UA" });
    expect(result).toEqual({ ok: true, returnPath: "/back", state: answer });
    expect(fake.calls).toHaveLength(1);
    const call = fake.calls[0];
    expect(call?.url).toBe("https://auth.acme.example/sso/exchange");
    expect(new Headers(call?.init.headers).get("authorization")).toBe(`Basic ${btoa("acme-partner:s3cret")}`);
    expect(JSON.parse(String(call?.init.body))).toEqual({ ott: "o".repeat(43), state, userAgent: "UA" });
  });

  it("refuses a callback whose state is not its cookie's, or that repeats a parameter, without calling out", async () => {
    const fake = fakeFetch(() => Response.json({}));
    const client = new SsoClient({ ...options, fetch: fake.fetch });
    const { stateCookie } = client.startHandshake("/");
    const other = parseStateCookie(client.startHandshake("/").stateCookie)?.state ?? "";
    expect(await client.handleCallback({ query: `ott=x&state=${other}`, stateCookie })).toMatchObject({ ok: false, reason: "state_mismatch" });
    expect(await client.handleCallback({ query: `ott=x&state=${other}`, stateCookie: undefined })).toMatchObject({ ok: false, reason: "state_mismatch" });
    expect(await client.handleCallback({ query: "ott=x&ott=y&state=z", stateCookie })).toMatchObject({ ok: false, reason: "missing_parameters" });
    expect(fake.calls).toHaveLength(0);
  });

  it("reports a refused exchange as refused and an outage or a client misconfiguration as unavailable, never throwing", async () => {
    const client = (status: number, code: string) =>
      new SsoClient({ ...options, fetch: fakeFetch(() => Response.json({ error: { code, message: "m" } }, { status })).fetch });
    const run = async (c: SsoClient) => {
      const { stateCookie } = c.startHandshake("/x");
      const state = parseStateCookie(stateCookie)?.state ?? "";
      return c.handleCallback({ query: `ott=o&state=${state}`, stateCookie });
    };
    expect(await run(client(400, "invalid_grant"))).toMatchObject({ ok: false, reason: "refused", returnPath: "/x" });
    expect(await run(client(401, "invalid_client"))).toMatchObject({ ok: false, reason: "unavailable" });
    expect(await run(client(503, "service_unavailable"))).toMatchObject({ ok: false, reason: "unavailable" });
  });

  it("throws SsoApiError with the server's code from status, use_sso and logout calls", async () => {
    const client = new SsoClient({ ...options, fetch: fakeFetch(() => Response.json({ error: { code: "not_known", message: "no" } }, { status: 409 })).fetch });
    await expect(client.loginWithSso("h")).rejects.toMatchObject({ name: "SsoApiError", status: 409, code: "not_known" });
    await expect(client.getStatus(null)).rejects.toBeInstanceOf(SsoApiError);
  });
});

describe("the kit's rules", () => {
  it("keeps return paths on the site (no open redirect)", () => {
    expect(sanitizeReturnPath("/a/b?c=d")).toBe("/a/b?c=d");
    for (const bad of ["https://evil.example/", "//evil.example", "/\\evil.example", "evil", "", null, "/a\nb", "/\t/evil.example"]) {
      expect(sanitizeReturnPath(bad)).toBe("/");
    }
    expect(parseStateCookie(serializeStateCookie("s".repeat(43), "//evil.example"))?.returnPath).toBe("/");
    expect(parseStateCookie("garbage")).toBeNull();
  });

  it("starts a handshake only for an unlinked page navigation with no recent attempt (never a loop)", () => {
    const now = 1_000_000_000;
    const base = { isPageNavigation: true, isLinked: false, lastStartedAt: null, lastFailedAt: null, now };
    expect(shouldStartHandshake(base)).toBe(true);
    expect(shouldStartHandshake({ ...base, isPageNavigation: false })).toBe(false);
    expect(shouldStartHandshake({ ...base, isLinked: true })).toBe(false);
    expect(shouldStartHandshake({ ...base, lastStartedAt: now - 10_000 })).toBe(false);
    expect(shouldStartHandshake({ ...base, lastStartedAt: now - 31_000 })).toBe(true);
    expect(shouldStartHandshake({ ...base, lastFailedAt: now - HANDSHAKE_RETRY_AFTER_FAILURE_MS + 1 })).toBe(false);
    expect(shouldStartHandshake({ ...base, lastFailedAt: now - HANDSHAKE_RETRY_AFTER_FAILURE_MS })).toBe(true);
  });

  it("compares states in constant time, lengths included", () => {
    expect(constantTimeEqual("abc", "abc")).toBe(true);
    expect(constantTimeEqual("abc", "abd")).toBe(false);
    expect(constantTimeEqual("abc", "abcd")).toBe(false);
    expect(constantTimeEqual("", "")).toBe(true);
  });
});
