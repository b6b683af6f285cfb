import { describe, expect, it } from "vitest";
import { diffSsoSettings, findSettingsConflict, mergeSsoSettings, ssoSettingsInputSchema, type SsoSettings } from "./sso-settings-rules";

const current: SsoSettings = {
  mode: "auto_login",
  ottTtlSeconds: 60,
  sessionIdleSeconds: 1_209_600,
  sessionAbsoluteSeconds: 7_776_000,
  promptReveal: { email: true, name: false, site: true },
  auditRetentionDays: 365,
  emailVerification: "optional",
  emailLinkSignIn: true,
  mailFrom: "",
  hostedSignIn: false,
};

describe("SSO settings input", () => {
  it("requires a known mode", () => {
    expect(ssoSettingsInputSchema.safeParse({ mode: "opt_in" }).success).toBe(true);
    expect(ssoSettingsInputSchema.safeParse({ mode: "sometimes" }).success).toBe(false);
    expect(ssoSettingsInputSchema.safeParse({}).success).toBe(false);
  });

  it("refuses unknown fields at every level", () => {
    expect(ssoSettingsInputSchema.safeParse({ mode: "opt_in", colour: "red" }).success).toBe(false);
    expect(ssoSettingsInputSchema.safeParse({ mode: "opt_in", promptReveal: { email: true, name: true, site: true, phone: true } }).success).toBe(false);
  });

  it("keeps lifetimes within bounds: OTT 10–300 s, sessions at most 400 days", () => {
    expect(ssoSettingsInputSchema.safeParse({ mode: "opt_in", ottTtlSeconds: 9 }).success).toBe(false);
    expect(ssoSettingsInputSchema.safeParse({ mode: "opt_in", ottTtlSeconds: 301 }).success).toBe(false);
    expect(ssoSettingsInputSchema.safeParse({ mode: "opt_in", ottTtlSeconds: 10.5 }).success).toBe(false);
    expect(ssoSettingsInputSchema.safeParse({ mode: "opt_in", sessionAbsoluteSeconds: 400 * 86_400 + 1 }).success).toBe(false);
    expect(ssoSettingsInputSchema.safeParse({ mode: "opt_in", sessionIdleSeconds: 299 }).success).toBe(false);
  });

  it("checks idle ≤ absolute on the merged result, so a partial change cannot break it", () => {
    expect(findSettingsConflict(mergeSsoSettings(current, { mode: "opt_in", sessionAbsoluteSeconds: 3_600 }))).toMatch(/idle lifetime/);
    expect(findSettingsConflict(mergeSsoSettings(current, { mode: "opt_in", sessionIdleSeconds: 7_776_000 }))).toBeNull();
  });

  it("lists one change per changed field, with old and new", () => {
    const after = mergeSsoSettings(current, { mode: "opt_in", ottTtlSeconds: 60, promptReveal: { email: true, name: true, site: false } });
    expect(diffSsoSettings(current, after)).toEqual([
      { field: "mode", old: "auto_login", new: "opt_in" },
      { field: "promptReveal.name", old: false, new: true },
      { field: "promptReveal.site", old: true, new: false },
    ]);
    expect(diffSsoSettings(current, current)).toEqual([]);
  });
});
