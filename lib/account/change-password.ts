// "Change password" on the account page. The current password is asked again (a browser left
// signed in must not be enough to take the account over), checked by the sign-in verb itself
// (lib/auth/authenticate-reader.ts) so a wrong one counts as a failed sign-in in the same
// throttle buckets: the form is no side door for guessing. The new password follows the policy
// of registration. The account's address is told by mail, in the transaction of the change.
//
// Other devices are signed out by the logout verb's OTHER_DEVICES (lib/sso/logout.ts): their
// sessions end and their SSO tokens lose the reader; this browser stays signed in everywhere.
import { z } from "zod";
import { db } from "@/lib/db/client";
import { runTransaction } from "@/lib/db/transaction";
import { ApiError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { authenticateReader } from "@/lib/auth/authenticate-reader";
import { hashPassword } from "@/lib/auth/password";
import { checkPasswordStrength } from "@/lib/auth/password-policy";
import { throttledError } from "@/lib/auth/sign-in-outcome";
import { readerMessages } from "@/lib/mail/messages";
import { logout } from "@/lib/sso/logout";
import type { SiteContext } from "@/lib/sso/site-context";
import { FIELD_LIMITS } from "./field-limits";
import { loadMailSite, sendReaderMail } from "./reader-mail";
import { requireSignedIn } from "./require-signed-in";
import { voidEmailLinks } from "./email-links";

export const changePasswordBodySchema = z.strictObject({
  currentPassword: z.string().min(1, "Enter your current password.").max(FIELD_LIMITS.password.max),
  newPassword: z.string().max(FIELD_LIMITS.newPassword.max, `Your password can be at most ${FIELD_LIMITS.newPassword.max} characters long.`),
  signOutOtherDevices: z.boolean().meta({ description: "End the reader's sessions on every other browser and device (this one stays signed in)." }),
});

export const changePasswordResponseSchema = z.object({ changed: z.literal(true), revokedSessions: z.int().min(0) });

/** A refusal that carries its Retry-After (the throttle's). */
export class ThrottledError extends ApiError {
  constructor(
    base: ApiError,
    readonly retryAfterSeconds: number,
  ) {
    super(base.code, base.message);
  }
}

/** Checks the signed-in reader's current password through the sign-in throttle; throws 403 or 429. */
export async function confirmCurrentPassword(options: {
  context: SiteContext;
  readerId: string;
  password: string;
  ip: string;
  deviceSecret: string | null;
}): Promise<{ email: string }> {
  const reader = await db.reader.findUnique({ where: { id: options.readerId }, select: { email: true } });
  if (!reader) throw new ApiError("unauthorized", "Sign in first.");
  const result = await authenticateReader({
    orgId: options.context.site.orgId,
    siteId: options.context.site.id,
    email: reader.email,
    password: options.password,
    ip: options.ip,
    deviceSecret: options.deviceSecret,
  });
  if (result.ok) return { email: reader.email };
  if (result.reason === "throttled") throw new ThrottledError(throttledError(result), result.retryAfterSeconds);
  throw new ApiError("forbidden", "Your current password is not right.");
}

export async function changePassword(options: {
  context: SiteContext;
  body: z.infer<typeof changePasswordBodySchema>;
  ip: string;
  userAgent: string | null;
  deviceSecret: string | null;
}): Promise<{ revokedSessions: number }> {
  const { context, body } = options;
  const { readerId } = requireSignedIn(context);
  const current = await db.reader.findUnique({ where: { id: readerId }, select: { email: true } });
  if (!current) throw new ApiError("unauthorized", "Sign in first.");
  // The policy first: a weak new password costs no throttle slot and no argon2.
  const weakness = checkPasswordStrength(body.newPassword, { email: current.email });
  if (weakness) throw new ApiError("validation_failed", `newPassword: ${weakness}`);
  const { email } = await confirmCurrentPassword({ context, readerId, password: body.currentPassword, ip: options.ip, deviceSecret: options.deviceSecret });
  const passwordHash = await hashPassword(body.newPassword);

  await runTransaction(async (tx) => {
    await tx.reader.update({ where: { id: readerId }, data: { passwordHash }, select: { id: true } });
    // A reset link still in a mailbox would undo the new password.
    await voidEmailLinks(tx, readerId, ["reset_password"]);
    const site = await loadMailSite(tx, context.site.id);
    if (site) await sendReaderMail(tx, { site, to: email, kind: "reader.password_changed", content: readerMessages.passwordChanged(site) });
    await recordAuditEvent(
      { orgId: context.site.orgId, type: "reader.password_changed", readerId, siteId: context.site.id, ip: options.ip, data: { signOutOtherDevices: body.signOutOtherDevices } },
      tx,
    );
  });

  if (!body.signOutOtherDevices) return { revokedSessions: 0 };
  const result = await logout({ context, where: "OTHER_DEVICES", ip: options.ip, userAgent: options.userAgent, because: "password_change" });
  return { revokedSessions: result.revokedSessions };
}
