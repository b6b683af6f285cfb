// The closed set of audit event types (design §7: mode changes, OTT replay or mismatch,
// lockouts, wide logouts). A new kind of event is added here first, so the admin console
// and any alerting can list every type that can appear in `audit_events.type`.

export const auditEventTypes = [
  "sso.mode_changed",
  "sso.settings_changed",
  "sso.site_participation_changed",
  "sso.site_mode_changed",
  "site.mail_from_changed",
  "sso.ott_replayed",
  "sso.ott_foreign",
  "sso.ott_expired",
  "sso.ott_invalid",
  "sso.state_mismatch",
  "sso.rate_limited",
  "auth.lockout",
  "auth.signin",
  "auth.signin_failed",
  "auth.signin_slowed",
  "logout.other_devices",
  "logout.everywhere",
  "admin.session_revoked",
  "staff.signin",
  "staff.signin_failed",
  "staff.signin_slowed",
  "staff.lockout",
  "sso.client_auth_failed",
  "sso.client_secret_rotated",
  "reader.registered",
  "reader.registration_existing",
  "reader.verification_sent",
  "reader.email_verified",
  "reader.password_reset_requested",
  "reader.password_reset",
  "reader.sign_in_link_requested",
  "reader.sign_in_link_used",
  "reader.sign_in_code_failed",
  "reader.lockout_mailed",
  "reader.password_changed",
  "reader.email_change_requested",
  "reader.email_changed",
  "admin.verification_resent",
  "mail.retried",
  "admin.api_token_created",
  "admin.api_token_revoked",
  "admin.webhook_created",
  "admin.webhook_deleted",
  "site.external_registered",
] as const;

export type AuditEventType = (typeof auditEventTypes)[number];

export function isAuditEventType(value: string): value is AuditEventType {
  return (auditEventTypes as readonly string[]).includes(value);
}
