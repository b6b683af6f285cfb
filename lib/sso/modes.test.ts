import { describe, expect, it } from "vitest";
import { getDefaultLogoutScope, getEffectiveMode, isLogoutScopeAllowed, logoutScopes, ssoModes } from "./modes";

describe("effective mode", () => {
  it("follows the organisation when the site has no override", () => {
    expect(getEffectiveMode({ orgMode: "opt_in", siteSsoEnabled: true, siteModeOverride: null })).toBe("opt_in");
  });
  it("uses the site's own mode when it overrides the organisation", () => {
    expect(getEffectiveMode({ orgMode: "opt_in", siteSsoEnabled: true, siteModeOverride: "auto_login" })).toBe("auto_login");
  });
  it("the kill switch takes a site out of SSO whatever the modes say", () => {
    expect(getEffectiveMode({ orgMode: "auto_login", siteSsoEnabled: false, siteModeOverride: "auto_login" })).toBe("disabled");
  });
});

describe("logout scopes per mode", () => {
  it("defaults to THIS_DEVICE under Auto Login and JUST_HERE otherwise", () => {
    expect(getDefaultLogoutScope("auto_login")).toBe("THIS_DEVICE");
    expect(getDefaultLogoutScope("opt_in")).toBe("JUST_HERE");
    expect(getDefaultLogoutScope("disabled")).toBe("JUST_HERE");
  });
  it("refuses JUST_HERE under Auto Login", () => {
    expect(isLogoutScopeAllowed("auto_login", "JUST_HERE")).toBe(false);
  });
  it("allows only JUST_HERE and EVERYWHERE under Disabled", () => {
    expect(logoutScopes.filter((s) => isLogoutScopeAllowed("disabled", s))).toEqual(["JUST_HERE", "EVERYWHERE"]);
  });
  it("allows every scope under Opt In", () => {
    expect(logoutScopes.every((s) => isLogoutScopeAllowed("opt_in", s))).toBe(true);
  });
});

describe("the default logout scope", () => {
  it("is one every mode allows, so a sign-out without a scope (next-auth's, or POST /api/logout with none) never needs a fallback", () => {
    for (const mode of ssoModes) expect(isLogoutScopeAllowed(mode, getDefaultLogoutScope(mode))).toBe(true);
  });
});
