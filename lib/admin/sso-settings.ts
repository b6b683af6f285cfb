// Reading and changing an organisation's SSO settings. The reader side reads the mode and the
// lifetimes from Postgres on every request (lib/sso/site-context.ts), so a change committed
// here is in force on the next reader request on every instance: there is no cache to bust.
import { db } from "@/lib/db/client";
import { runTransaction } from "@/lib/db/transaction";
import { ApiError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { SsoMode } from "@/lib/sso/modes";
import { diffSsoSettings, findSettingsConflict, mergeSsoSettings, type SettingsChange, type SsoSettings, type SsoSettingsInput } from "./sso-settings-rules";

type SettingsRow = {
  sso_mode: SsoMode;
  ott_ttl_seconds: number;
  session_idle_seconds: number;
  session_absolute_seconds: number;
  prompt_reveal_email: boolean;
  prompt_reveal_name: boolean;
  prompt_reveal_site: boolean;
  audit_retention_days: number;
  email_verification: "required" | "optional";
  email_link_sign_in: boolean;
  mail_from: string | null;
  hosted_sign_in: boolean;
};

function toSettings(row: SettingsRow): SsoSettings {
  return {
    mode: row.sso_mode,
    ottTtlSeconds: row.ott_ttl_seconds,
    sessionIdleSeconds: row.session_idle_seconds,
    sessionAbsoluteSeconds: row.session_absolute_seconds,
    promptReveal: { email: row.prompt_reveal_email, name: row.prompt_reveal_name, site: row.prompt_reveal_site },
    auditRetentionDays: row.audit_retention_days,
    emailVerification: row.email_verification,
    emailLinkSignIn: row.email_link_sign_in,
    mailFrom: row.mail_from ?? "",
    hostedSignIn: row.hosted_sign_in,
  };
}

export async function getSsoSettings(options: { orgId: string }): Promise<SsoSettings> {
  const org = await db.organization.findUnique({ where: { id: options.orgId } });
  if (!org) throw new ApiError("not_found", "No such organisation.");
  return toSettings({
    sso_mode: org.ssoMode,
    ott_ttl_seconds: org.ottTtlSeconds,
    session_idle_seconds: org.sessionIdleSeconds,
    session_absolute_seconds: org.sessionAbsoluteSeconds,
    prompt_reveal_email: org.promptRevealEmail,
    prompt_reveal_name: org.promptRevealName,
    prompt_reveal_site: org.promptRevealSite,
    audit_retention_days: org.auditRetentionDays,
    email_verification: org.emailVerification,
    email_link_sign_in: org.emailLinkSignIn,
    mail_from: org.mailFrom,
    hosted_sign_in: org.hostedSignIn,
  });
}

/**
 * Applies `changes` in ONE transaction: the organisation row is locked (so two admins saving
 * at once each record the true old → new), updated, and one audit row is written per changed
 * field — `sso.mode_changed` for the mode, `sso.settings_changed` for the rest. Either all of
 * it commits or none of it. Without the lock, concurrent saves read the same old values and the
 * audit rows stop forming a chain (test/reliability/concurrency.test.ts, "48 PUTs of the mode…").
 */
export async function updateSsoSettings(options: {
  orgId: string;
  actorStaffId: string;
  changes: SsoSettingsInput;
  ip?: string | null;
}): Promise<{ settings: SsoSettings; changed: SettingsChange[] }> {
  return runTransaction(async (tx) => {
    const rows = await tx.$queryRaw<SettingsRow[]>`
      SELECT sso_mode, ott_ttl_seconds, session_idle_seconds, session_absolute_seconds,
             prompt_reveal_email, prompt_reveal_name, prompt_reveal_site, audit_retention_days,
             email_verification::text AS email_verification, email_link_sign_in, mail_from, hosted_sign_in
        FROM organizations WHERE id = ${options.orgId}::uuid FOR UPDATE`;
    const row = rows[0];
    if (!row) throw new ApiError("not_found", "No such organisation.");
    const before = toSettings(row);
    const after = mergeSsoSettings(before, options.changes);
    const conflict = findSettingsConflict(after);
    if (conflict) throw new ApiError("validation_failed", conflict);
    const changed = diffSsoSettings(before, after);
    if (changed.length === 0) return { settings: after, changed };

    await tx.organization.update({
      where: { id: options.orgId },
      data: {
        ssoMode: after.mode,
        ottTtlSeconds: after.ottTtlSeconds,
        sessionIdleSeconds: after.sessionIdleSeconds,
        sessionAbsoluteSeconds: after.sessionAbsoluteSeconds,
        promptRevealEmail: after.promptReveal.email,
        promptRevealName: after.promptReveal.name,
        promptRevealSite: after.promptReveal.site,
        auditRetentionDays: after.auditRetentionDays,
        emailVerification: after.emailVerification,
        emailLinkSignIn: after.emailLinkSignIn,
        mailFrom: after.mailFrom === "" ? null : after.mailFrom,
        hostedSignIn: after.hostedSignIn,
      },
      select: { id: true },
    });
    for (const change of changed) {
      await recordAuditEvent(
        {
          orgId: options.orgId,
          type: change.field === "mode" ? "sso.mode_changed" : "sso.settings_changed",
          actorStaffId: options.actorStaffId,
          ip: options.ip ?? null,
          data: { field: change.field, old: change.old, new: change.new },
        },
        tx,
      );
    }
    return { settings: after, changed };
  });
}

/** The latest change of the mode, for "last changed by … at …" on the settings page. */
export async function getLastModeChange(options: { orgId: string }): Promise<{ at: Date; by: string | null } | null> {
  const event = await db.auditEvent.findFirst({
    where: { orgId: options.orgId, type: "sso.mode_changed" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { createdAt: true, actorStaffId: true },
  });
  if (!event) return null;
  const staff = event.actorStaffId ? await db.staff.findUnique({ where: { id: event.actorStaffId }, select: { name: true, email: true } }) : null;
  return { at: event.createdAt, by: staff ? `${staff.name} (${staff.email})` : null };
}
