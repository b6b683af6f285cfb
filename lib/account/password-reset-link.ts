// TODO(issue 16, coordinator's merge): replace this file with a re-export of helper r1's
//   sendPasswordResetLink({ siteId, readerId, actor })   (lib/account/, password reset)
// which issues the reset link, mails it and audits admin.password_reset_sent. That work is on
// another branch; until it is merged the console's button answers 503 with this message.
import { ApiError } from "@/lib/errors";

export type PasswordResetActor = { kind: "staff"; staffId: string; ip: string | null };

export async function sendPasswordResetLink(_options: { siteId: string; readerId: string; actor: PasswordResetActor }): Promise<void> {
  throw new ApiError("service_unavailable", "Password reset by mail is not yet merged into this build.");
}
