// External sites in the console (README, "External sites"): the same registration and secret
// rotation as the CLIs (lib/sso/external/site-client.ts does both; this file only adds the
// console's audit and shapes). Disabling one is the Sites page's kill switch (ssoEnabled:
// false, lib/admin/sites.ts), which every handshake and exchange already obeys.
import { z } from "zod";
import { db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { ApiError } from "@/lib/errors";
import { externalCallbackUrlSchema, registerExternalSite, rotateClientSecret } from "@/lib/sso/external/site-client";
import { SITE_SLUG_PATTERN } from "./sites";

export const registerExternalSiteBodySchema = z.strictObject({
  name: z.string().trim().min(1, "name: required").max(80),
  slug: z.string().regex(SITE_SLUG_PATTERN, "slug: lower-case letters, digits and -, at most 63"),
  callbackUrl: externalCallbackUrlSchema,
});

export const rotateSecretBodySchema = z.strictObject({
  /** How long the previous secret keeps working (0: stops now; at most 7 days). */
  graceSeconds: z.int().min(0).max(7 * 86_400),
});

export const externalSiteSchema = z.object({
  slug: z.string(),
  name: z.string(),
  callbackUrl: z.string(),
  clientId: z.string(),
  ssoEnabled: z.boolean(),
  secretRotatedAt: z.iso.datetime(),
  previousSecretExpiresAt: z.iso.datetime().nullable(),
});
export const externalSitesResponseSchema = z.object({ sites: z.array(externalSiteSchema) });
export const registeredExternalSiteSchema = z.object({ site: externalSiteSchema, clientSecret: z.string().describe("Shown once, never again.") });
export const rotatedSecretSchema = z.object({
  clientId: z.string(),
  clientSecret: z.string().describe("Shown once, never again."),
  previousSecretValidUntil: z.iso.datetime().nullable(),
});

export type ExternalSiteView = z.infer<typeof externalSiteSchema>;

export async function listExternalSites(options: { orgId: string }): Promise<ExternalSiteView[]> {
  const rows = await db.site.findMany({
    where: { orgId: options.orgId, kind: "external" },
    orderBy: { name: "asc" },
    select: { slug: true, name: true, callbackUrl: true, ssoEnabled: true, client: { select: { clientId: true, secretRotatedAt: true, previousSecretExpiresAt: true } } },
  });
  return rows.flatMap((r) =>
    r.client
      ? [{
          slug: r.slug,
          name: r.name,
          callbackUrl: r.callbackUrl,
          ssoEnabled: r.ssoEnabled,
          clientId: r.client.clientId,
          secretRotatedAt: r.client.secretRotatedAt.toISOString(),
          previousSecretExpiresAt: r.client.previousSecretExpiresAt?.toISOString() ?? null,
        }]
      : [],
  );
}

async function externalSite(orgId: string, slug: string): Promise<ExternalSiteView> {
  const site = (await listExternalSites({ orgId })).find((s) => s.slug === slug);
  if (!site) throw new ApiError("not_found", "No such external site.");
  return site;
}

export async function registerExternalSiteFromConsole(options: {
  orgId: string;
  actorStaffId: string;
  input: z.infer<typeof registerExternalSiteBodySchema>;
  ip: string;
}): Promise<{ site: ExternalSiteView; clientSecret: string }> {
  const { name, slug, callbackUrl } = options.input;
  if (await db.site.findFirst({ where: { orgId: options.orgId, slug }, select: { id: true } })) throw new ApiError("conflict", `A site ${slug} exists already.`);
  const registered = await registerExternalSite({ orgId: options.orgId, slug, name, callbackUrl });
  await recordAuditEvent({ orgId: options.orgId, type: "site.external_registered", actorStaffId: options.actorStaffId, siteId: registered.siteId, data: { slug, callbackUrl, clientId: registered.clientId }, ip: options.ip });
  return { site: await externalSite(options.orgId, slug), clientSecret: registered.clientSecret };
}

export async function rotateExternalSiteSecret(options: { orgId: string; orgSlug: string; siteSlug: string; graceSeconds: number; actorStaffId: string }) {
  await externalSite(options.orgId, options.siteSlug);
  const rotated = await rotateClientSecret({ orgSlug: options.orgSlug, siteSlug: options.siteSlug, graceSeconds: options.graceSeconds, actor: { staffId: options.actorStaffId } });
  return { clientId: rotated.clientId, clientSecret: rotated.clientSecret, previousSecretValidUntil: rotated.previousSecretValidUntil?.toISOString() ?? null };
}
