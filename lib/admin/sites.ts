// The organisation's sites as the console shows them, and the per-site SSO switches: the kill
// switch (Site.ssoEnabled: false takes one site out of SSO at once, whatever the modes say)
// and the mode override (null: follow the organisation). The reader side reads both from
// Postgres on every request (lib/sso/site-context.ts), so a change is in force at once.
import { z } from "zod";
import { mailFromSettingSchema } from "@/lib/mail/mailbox";
import { db } from "@/lib/db/client";
import { runTransaction } from "@/lib/db/transaction";
import { ApiError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getEffectiveMode, ssoModes, type SsoMode } from "@/lib/sso/modes";

export type AdminSite = {
  id: string;
  slug: string;
  name: string;
  hostnames: { hostname: string; isPrimary: boolean }[];
  callbackUrl: string;
  ssoEnabled: boolean;
  ssoModeOverride: SsoMode | null;
  /** What readers of this site get now. */
  effectiveMode: SsoMode;
  /** The From of this site's mail, "" when it uses the organisation's. */
  mailFrom: string;
};

export const SITE_SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

export const siteSsoInputSchema = z
  .strictObject({
    ssoEnabled: z.boolean().optional(),
    ssoModeOverride: z.enum(ssoModes, { error: `ssoModeOverride must be null or one of ${ssoModes.join(", ")}` }).nullable().optional(),
    /** The From of this site's mail; "" for the organisation's (Identity › Settings), then the server's MAIL_FROM. */
    mailFrom: mailFromSettingSchema.optional(),
  })
  .refine(
    (value) => value.ssoEnabled !== undefined || value.ssoModeOverride !== undefined || value.mailFrom !== undefined,
    "Send ssoEnabled, ssoModeOverride and/or mailFrom.",
  );

export type SiteSsoInput = z.infer<typeof siteSsoInputSchema>;

const siteSelect = {
  id: true,
  slug: true,
  name: true,
  callbackUrl: true,
  ssoEnabled: true,
  ssoModeOverride: true,
  mailFrom: true,
  hostnames: { select: { hostname: true, isPrimary: true }, orderBy: [{ isPrimary: "desc" as const }, { hostname: "asc" as const }] },
  org: { select: { ssoMode: true } },
};

type SiteRow = {
  id: string;
  slug: string;
  name: string;
  callbackUrl: string;
  ssoEnabled: boolean;
  ssoModeOverride: SsoMode | null;
  mailFrom: string | null;
  hostnames: { hostname: string; isPrimary: boolean }[];
  org: { ssoMode: SsoMode };
};

function toAdminSite(row: SiteRow): AdminSite {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    hostnames: row.hostnames,
    callbackUrl: row.callbackUrl,
    ssoEnabled: row.ssoEnabled,
    ssoModeOverride: row.ssoModeOverride,
    effectiveMode: getEffectiveMode({ orgMode: row.org.ssoMode, siteSsoEnabled: row.ssoEnabled, siteModeOverride: row.ssoModeOverride }),
    mailFrom: row.mailFrom ?? "",
  };
}

export async function listSites(options: { orgId: string }): Promise<AdminSite[]> {
  const rows = await db.site.findMany({ where: { orgId: options.orgId }, select: siteSelect, orderBy: { name: "asc" } });
  return rows.map(toAdminSite);
}

/** Changes one site's switches in one transaction, with one audit row per changed switch. */
export async function updateSiteSso(options: {
  orgId: string;
  siteSlug: string;
  actorStaffId: string;
  changes: SiteSsoInput;
  ip?: string | null;
}): Promise<AdminSite> {
  if (!SITE_SLUG_PATTERN.test(options.siteSlug)) throw new ApiError("not_found", "No such site in this organisation.");
  return runTransaction(async (tx) => {
    // Scoped to the organisation: another organisation's site is simply not found.
    const locked = await tx.$queryRaw<{ id: string; sso_enabled: boolean; sso_mode_override: SsoMode | null; mail_from: string | null }[]>`
      SELECT id::text AS id, sso_enabled, sso_mode_override, mail_from FROM sites
       WHERE org_id = ${options.orgId}::uuid AND slug = ${options.siteSlug} FOR UPDATE`;
    const before = locked[0];
    if (!before) throw new ApiError("not_found", "No such site in this organisation.");
    const { changes } = options;
    const audit = { orgId: options.orgId, siteId: before.id, actorStaffId: options.actorStaffId, ip: options.ip ?? null };
    if (changes.ssoEnabled !== undefined && changes.ssoEnabled !== before.sso_enabled) {
      // The kill switch is also the breach response: the site's links to SSO tokens end now, so
      // switching it back on later starts from fresh handshakes, never from the old links.
      const unlinkedSessions = changes.ssoEnabled
        ? 0
        : await tx.$executeRaw`UPDATE site_sessions SET sso_token_id = NULL WHERE site_id = ${before.id}::uuid AND sso_token_id IS NOT NULL`;
      await recordAuditEvent(
        { ...audit, type: "sso.site_participation_changed", data: { site: options.siteSlug, field: "ssoEnabled", old: before.sso_enabled, new: changes.ssoEnabled, unlinkedSessions } },
        tx,
      );
    }
    if (changes.ssoModeOverride !== undefined && changes.ssoModeOverride !== before.sso_mode_override) {
      await recordAuditEvent({ ...audit, type: "sso.site_mode_changed", data: { site: options.siteSlug, field: "ssoModeOverride", old: before.sso_mode_override, new: changes.ssoModeOverride } }, tx);
    }
    const mailFrom = changes.mailFrom === undefined ? undefined : changes.mailFrom === "" ? null : changes.mailFrom;
    if (mailFrom !== undefined && mailFrom !== before.mail_from) {
      await recordAuditEvent({ ...audit, type: "site.mail_from_changed", data: { site: options.siteSlug, field: "mailFrom", old: before.mail_from, new: mailFrom } }, tx);
    }
    const row = await tx.site.update({
      where: { id: before.id },
      data: {
        ...(changes.ssoEnabled !== undefined ? { ssoEnabled: changes.ssoEnabled } : {}),
        ...(changes.ssoModeOverride !== undefined ? { ssoModeOverride: changes.ssoModeOverride } : {}),
        ...(mailFrom !== undefined ? { mailFrom } : {}),
      },
      select: siteSelect,
    });
    return toAdminSite(row);
  });
}
