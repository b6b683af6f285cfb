import { describe, expect, it } from "vitest";
import { MAX_HANDSHAKES_IN_FLIGHT } from "./handshake-state";
import { HANDSHAKE_CONCURRENT_WINDOW_MS, HANDSHAKE_RETRY_AFTER_FAILURE_MS, HANDSHAKE_RETRY_AFTER_START_MS, planSiteRequest, type RequestShape } from "./plan-site-request";
import type { SiteContext } from "./site-context";
import type { SsoMode } from "./modes";

const now = new Date("2026-11-22T12:00:00Z");

function context(options: { mode?: SsoMode; session?: Partial<NonNullable<SiteContext["session"]>> | null; token?: Partial<NonNullable<SiteContext["token"]>> | null } = {}): SiteContext {
  return {
    site: {
      id: "s", slug: "news", name: "News", orgId: "o", authHost: "auth.example", mode: options.mode ?? "auto_login",
      sessionIdleSeconds: 100, sessionAbsoluteSeconds: 1000, promptReveal: { email: true, name: false, site: true }, branding: { themeColor: "#000000", logoText: "LOGO", orgName: "Org" },
    },
    session: options.session === null ? null : { id: "ss", readerId: null, authMethod: null, ssoTokenId: null, handshakeStartedAt: null, handshakeFailedAt: null, ...options.session },
    token: options.token ? { id: "t", readerId: null, isAuthenticated: false, authenticatedSiteName: null, meta: {}, ...options.token } : null,
    reader: null,
  };
}

const navigation: RequestShape = { method: "GET", pathname: "/articles/x", kind: "document", returnPath: "/articles/x", handshakesInFlight: [], now };

describe("planSiteRequest", () => {
  it("starts a handshake (and a session) on a first top-level navigation when SSO is on", () => {
    expect(planSiteRequest(context({ session: null }), navigation)).toEqual({ createSession: true, autoSignIn: false, startHandshake: true });
  });

  it("never starts a handshake under Disabled, but still gives the visitor a session", () => {
    expect(planSiteRequest(context({ mode: "disabled", session: null }), navigation)).toEqual({ createSession: true, autoSignIn: false, startHandshake: false });
  });

  it.each([
    ["an API call", { pathname: "/api/sso/status" }],
    ["the callback itself", { pathname: "/sso/callback" }],
    ["an asset", { pathname: "/logo.png" }],
    ["a POST", { method: "POST" }],
    ["a background fetch (not a document navigation)", { kind: "background" as const }],
    ["an API call", { kind: "api" as const, pathname: "/api/sso/status" }],
  ])("never starts a handshake for %s", (_name, change) => {
    expect(planSiteRequest(context({ session: null }), { ...navigation, ...change }).startHandshake).toBe(false);
  });

  it("does not start another handshake while one started moments ago (no loops)", () => {
    const started = new Date(now.getTime() - HANDSHAKE_RETRY_AFTER_START_MS + 1000);
    expect(planSiteRequest(context({ session: { handshakeStartedAt: started } }), navigation).startHandshake).toBe(false);
    const longAgo = new Date(now.getTime() - HANDSHAKE_RETRY_AFTER_START_MS - 1);
    expect(planSiteRequest(context({ session: { handshakeStartedAt: longAgo } }), navigation).startHandshake).toBe(true);
  });

  it("tabs opened together: another page of the same browser runs its own handshake while one started moments ago is in flight", () => {
    const started = new Date(now.getTime() - HANDSHAKE_CONCURRENT_WINDOW_MS + 1000);
    const tab = { ...navigation, returnPath: "/articles/y", handshakesInFlight: ["/articles/x"] };
    expect(planSiteRequest(context({ session: { handshakeStartedAt: started } }), tab).startHandshake).toBe(true);
  });

  it("the same page again while its own handshake is in flight renders without another (the reader gets away from an auth domain that does not answer)", () => {
    const started = new Date(now.getTime() - 100);
    const again = { ...navigation, handshakesInFlight: ["/articles/x"] };
    expect(planSiteRequest(context({ session: { handshakeStartedAt: started } }), again).startHandshake).toBe(false);
  });

  it(`never more than ${MAX_HANDSHAKES_IN_FLIGHT} handshakes of one browser in flight on a site, with or without a session`, () => {
    const full = { ...navigation, returnPath: "/new", handshakesInFlight: Array.from({ length: MAX_HANDSHAKES_IN_FLIGHT }, (_, i) => `/a${i}`) };
    expect(planSiteRequest(context({ session: { handshakeStartedAt: new Date(now.getTime() - 100) } }), full).startHandshake).toBe(false);
    expect(planSiteRequest(context({ session: null }), full)).toEqual({ createSession: true, autoSignIn: false, startHandshake: false });
  });

  it("a tab that comes after the concurrent window does not restart a handshake that never came back", () => {
    const started = new Date(now.getTime() - HANDSHAKE_CONCURRENT_WINDOW_MS - 1);
    const tab = { ...navigation, returnPath: "/articles/y", handshakesInFlight: ["/articles/x"] };
    expect(planSiteRequest(context({ session: { handshakeStartedAt: started } }), tab).startHandshake).toBe(false);
  });

  it("does not retry a failed handshake soon after the failure", () => {
    const failed = new Date(now.getTime() - HANDSHAKE_RETRY_AFTER_FAILURE_MS + 1000);
    expect(planSiteRequest(context({ session: { handshakeFailedAt: failed } }), navigation).startHandshake).toBe(false);
  });

  it("does not start a handshake for a session already linked to a live token", () => {
    expect(planSiteRequest(context({ session: { ssoTokenId: "t" }, token: {} }), navigation).startHandshake).toBe(false);
  });

  it("re-links a session whose token died (revoked or expired)", () => {
    expect(planSiteRequest(context({ session: { ssoTokenId: "t" }, token: null }), navigation).startHandshake).toBe(true);
  });

  it("signs a linked anonymous session in under Auto Login once its token is authenticated", () => {
    const plan = planSiteRequest(context({ session: { ssoTokenId: "t" }, token: { readerId: "r", isAuthenticated: true } }), navigation);
    expect(plan.autoSignIn).toBe(true);
  });

  it("does not sign in automatically under Opt In, or when the token is not authenticated", () => {
    const authenticated = { readerId: "r", isAuthenticated: true };
    expect(planSiteRequest(context({ mode: "opt_in", session: { ssoTokenId: "t" }, token: authenticated }), navigation).autoSignIn).toBe(false);
    expect(planSiteRequest(context({ session: { ssoTokenId: "t" }, token: { readerId: "r", isAuthenticated: false } }), navigation).autoSignIn).toBe(false);
  });

  it("creates sessions on document navigations only, so a background request cannot replace a fresh cookie", () => {
    expect(planSiteRequest(context({ session: null }), { ...navigation, kind: "background" }).createSession).toBe(false);
  });

  it("never signs in automatically on a background fetch (RSC, prefetch), which would race the page's navigation", () => {
    const linked = context({ session: { ssoTokenId: "t" }, token: { readerId: "r", isAuthenticated: true } });
    expect(planSiteRequest(linked, { ...navigation, kind: "background" }).autoSignIn).toBe(false);
    expect(planSiteRequest(linked, { ...navigation, kind: "api", pathname: "/api/sso/status" }).autoSignIn).toBe(true);
  });
});
