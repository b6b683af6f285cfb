// The demo data of the design (§6). Seeded by `npm run demo`, never in production.
import type { SsoMode, StaffRole } from "@/lib/generated/prisma/enums.ts";

export type DemoSite = {
  slug: string;
  name: string;
  hostname: string;
  themeColor: string;
  logoText: string;
};

export type DemoOrganization = {
  slug: string;
  name: string;
  authHost: string;
  ssoMode: SsoMode;
  sites: DemoSite[];
  readers: { email: string; password: string; displayName: string }[];
};

export const demoOrganizations: DemoOrganization[] = [
  {
    slug: "acme",
    name: "Acme Media",
    authHost: "auth.acme.localhost",
    ssoMode: "auto_login",
    sites: [
      { slug: "news", name: "The Acme News", hostname: "news.localhost", themeColor: "#1f4e8c", logoText: "ACME NEWS" },
      { slug: "sport", name: "Acme Sport", hostname: "sport.localhost", themeColor: "#1b7f3b", logoText: "ACME SPORT" },
      { slug: "recipes", name: "Acme Recipes", hostname: "recipes.localhost", themeColor: "#b4461b", logoText: "ACME RECIPES" },
    ],
    readers: [
      { email: "reader@example.com", password: "reader-password-1", displayName: "Ada Reader" },
      { email: "reader2@example.com", password: "reader-password-2", displayName: "Ben Reader" },
    ],
  },
  {
    slug: "globex",
    name: "Globex Publishing",
    authHost: "auth.globex.localhost",
    ssoMode: "disabled",
    sites: [
      { slug: "daily", name: "The Globex Daily", hostname: "daily.localhost", themeColor: "#6a2c91", logoText: "GLOBEX DAILY" },
    ],
    readers: [{ email: "reader@globex.example", password: "reader-password-3", displayName: "Gil Globex" }],
  },
];

export const demoStaff: { email: string; name: string; password: string; memberships: { org: string; role: StaffRole }[] }[] = [
  { email: "admin@acme.example", name: "Acme Admin", password: "admin-password-1", memberships: [{ org: "acme", role: "admin" }] },
  { email: "admin@globex.example", name: "Globex Admin", password: "admin-password-2", memberships: [{ org: "globex", role: "admin" }] },
  // An owner, who may manage acme's staff (Team page: invitations, roles, the two-factor rule).
  { email: "owner@acme.example", name: "Acme Owner", password: "owner-password-1", memberships: [{ org: "acme", role: "owner" }] },
];

/**
 * The callback a site registers. In the demo every host is served over plain http on the
 * demo port; behind a TLS load balancer (npm run topology) over https, where the default port
 * is left out as browsers leave it out; in production a site registers its own https callback.
 */
export function demoCallbackUrl(hostname: string, port: number, scheme: DemoScheme = "http"): string {
  const defaultPort = scheme === "https" ? 443 : 80;
  return `${scheme}://${hostname}${port === defaultPort ? "" : `:${port}`}/sso/callback`;
}

export type DemoScheme = "http" | "https";

/**
 * A site this app does NOT serve: the example external site (examples/external-site), a plain
 * Node server on partner.localhost at the app's port + 1. Its client secret is a demo
 * credential like the demo passwords above: seeded by the demo and the tests only, never in
 * production (real external sites get a generated secret: `npm run site:register-external`).
 */
export type DemoExternalSite = { org: string; slug: string; name: string; hostname: string; clientId: string; clientSecret: string };

export const demoExternalSites: DemoExternalSite[] = [
  {
    org: "acme",
    slug: "partner",
    name: "Acme Partner (external)",
    hostname: "partner.localhost",
    clientId: "acme-partner-demo",
    clientSecret: "demo-partner-secret-not-for-production-0001",
  },
];

/** The example external site's port for an app on `appPort` (3001 for the demo on 3000). */
export function demoExternalSitePort(appPort: number): number {
  return appPort + 1;
}

export function demoExternalCallbackUrl(hostname: string, appPort: number): string {
  return `http://${hostname}:${demoExternalSitePort(appPort)}/callback`;
}
