// SSO modes (design §4): per organisation, with a per-site override and a per-site kill switch.
import type { SsoMode } from "@/lib/generated/prisma/enums.ts";

export type { SsoMode };
export const ssoModes = ["auto_login", "opt_in", "disabled"] as const satisfies readonly SsoMode[];

export type LogoutScope = "JUST_HERE" | "THIS_DEVICE" | "OTHER_DEVICES" | "EVERYWHERE";
export const logoutScopes = ["JUST_HERE", "THIS_DEVICE", "OTHER_DEVICES", "EVERYWHERE"] as const satisfies readonly LogoutScope[];

/** The mode in force on one site: the kill switch wins, then the site's override, then the organisation. */
export function getEffectiveMode(options: { orgMode: SsoMode; siteSsoEnabled: boolean; siteModeOverride: SsoMode | null }): SsoMode {
  if (!options.siteSsoEnabled) return "disabled";
  return options.siteModeOverride ?? options.orgMode;
}

export function getDefaultLogoutScope(mode: SsoMode): LogoutScope {
  return mode === "auto_login" ? "THIS_DEVICE" : "JUST_HERE";
}

/**
 * Which scopes a mode allows. Auto Login refuses JUST_HERE (the next request would sign the
 * session straight back in from the SSO token); Disabled has no device-wide token to act on.
 */
export function isLogoutScopeAllowed(mode: SsoMode, scope: LogoutScope): boolean {
  if (mode === "auto_login") return scope !== "JUST_HERE";
  if (mode === "disabled") return scope === "JUST_HERE" || scope === "EVERYWHERE";
  return true;
}
