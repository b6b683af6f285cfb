// TODO(issue 16, coordinator's merge): replace this file's body with
//   export { sendPasswordResetLink } from "./password-reset";
// Helper r1's lib/account/password-reset.ts (branch wt-r1) has the real verb with this exact
// signature: it issues the reset link, mails it, applies its per-account budget and audits with
// the staff actor. Until that merge the console's button answers 503 with this message.
import { ApiError } from "@/lib/errors";

export async function sendPasswordResetLink(_options: { siteId: string; readerId: string; actor: { orgId: string; actorStaffId: string; ip?: string | null } }): Promise<{ sent: boolean }> {
  throw new ApiError("service_unavailable", "Password reset by mail is not yet merged into this build.");
}
