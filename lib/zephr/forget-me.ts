// POST /blaize/forget-me — Zephr's "forget me" (delete the signed-in user's data) as the
// product's account deletion (lib/account/delete-account.ts), which asks the reader to prove it
// is them again: Zephr deletes on the session cookie alone, but a browser left signed in (or a
// stolen session) must not be enough to erase an account (docs/zephr-compat.md). So:
//   - `{"validators": {"password": …}}` (Zephr's own login shape) deletes at once;
//   - no body (what a Zephr front end sends) mails the confirmation link and answers 202.
import { z } from "zod";
import { FIELD_LIMITS } from "@/lib/account/field-limits";
import { requestAccountDeletion } from "@/lib/account/delete-account";
import type { SiteContext } from "@/lib/sso/site-context";

export const zephrForgetMeBodySchema = z.strictObject({
  validators: z.strictObject({ password: z.string().min(1, "Enter your current password.").max(FIELD_LIMITS.password.max) }).optional(),
});

export const FORGET_ME_MESSAGES = {
  deleted: "User deleted",
  confirmationSent: "We sent a link to your address. Open it to delete your account; until then nothing changes.",
} as const;

export async function forgetMe(options: { context: SiteContext; body: z.infer<typeof zephrForgetMeBodySchema>; ip: string; deviceSecret: string | null }): Promise<{ status: 200 | 202; message: string }> {
  const password = options.body.validators?.password;
  const result = await requestAccountDeletion({ context: options.context, body: password ? { currentPassword: password } : { confirmBy: "email" }, ip: options.ip, deviceSecret: options.deviceSecret });
  return "deleted" in result ? { status: 200, message: FORGET_ME_MESSAGES.deleted } : { status: 202, message: FORGET_ME_MESSAGES.confirmationSent };
}
