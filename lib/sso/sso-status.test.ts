import { describe, expect, it } from "vitest";
import { getSsoStatusBody, maskEmail } from "./sso-status";
import type { SiteContext } from "./site-context";

const base: SiteContext = {
  site: { id: "s", slug: "sport", name: "Sport", orgId: "o", authHost: "a", mode: "opt_in", sessionIdleSeconds: 1, sessionAbsoluteSeconds: 1, promptReveal: { email: true, name: false, site: true }, branding: { themeColor: "#000000", logoText: "LOGO", orgName: "Org" } },
  session: { id: "ss", readerId: null, authMethod: null, ssoTokenId: "t", handshakeStartedAt: null, handshakeFailedAt: null },
  token: { id: "t", readerId: "r", isAuthenticated: true, authenticatedSiteName: "News", meta: { reader: { theme: "dark" }, system: { promptDismissedSites: ["s"] } } },
  reader: { id: "r", email: "reader@example.com", displayName: "Ada", emailVerified: true },
};

describe("SSO status", () => {
  it("masks the email to its first letter and domain", () => {
    expect(maskEmail("reader@example.com")).toBe("r•••@example.com");
    expect(maskEmail("nonsense")).toBe("•••");
  });

  it("is known for an anonymous linked session whose token is authenticated, with only the allowed hint", () => {
    expect(getSsoStatusBody(base)).toEqual({
      status: "known",
      meta: { reader: { theme: "dark" }, hint: { email: "r•••@example.com", site: "News" }, promptDismissed: true },
      user: null,
    });
  });

  it("reveals the display name only when the organisation allows it", () => {
    const allowed = { ...base, site: { ...base.site, promptReveal: { email: false, name: true, site: false } } };
    expect(getSsoStatusBody(allowed).meta.hint).toEqual({ name: "Ada" });
  });

  it("is authenticated, with the user, for a signed-in linked session", () => {
    const body = getSsoStatusBody({ ...base, session: { ...base.session!, readerId: "r" } });
    expect(body.status).toBe("authenticated");
    expect(body.user).toEqual({ id: "r", email: "reader@example.com", displayName: "Ada" });
    expect(body.meta.hint).toBeUndefined();
  });

  it("is unknown when the session is not linked or the token is authenticated nowhere", () => {
    expect(getSsoStatusBody({ ...base, token: null }).status).toBe("unknown");
    expect(getSsoStatusBody({ ...base, token: { ...base.token!, isAuthenticated: false } }).status).toBe("unknown");
    expect(getSsoStatusBody({ ...base, session: null, token: null }).status).toBe("unknown");
  });
});
