// "Has this staff session passed every factor it must?" — the one rule, as a pure function of
// what lib/admin/staff-sessions.ts reads with the session on every request. A session that has
// not reaches nothing of the console (lib/admin/org-access.ts): not its pages, not its API.
//
// Decision: the requirement follows the staff member, not the organisation being looked at: a
// staff member of an organisation that requires a second factor (for everyone, or for owners
// and they are one) must enrol before using the console at all, in whichever organisation. A
// session is one sign-in to the whole console, so it has one level of assurance.
import type { StaffTwoFactorPolicy } from "@/lib/generated/prisma/enums.ts";
import type { StaffRole } from "@/lib/admin/roles";

export type { StaffTwoFactorPolicy };

/** What a session must still do: type a code ("verify"), set up an authenticator first ("enrol"), or nothing (null). */
export type SecondFactorStep = "verify" | "enrol" | null;

export const twoFactorPolicies: readonly StaffTwoFactorPolicy[] = ["off", "owners", "everyone"];

/** Whether `policy` asks a member with `role` for a second factor. */
export function policyRequiresSecondFactor(policy: StaffTwoFactorPolicy, role: StaffRole): boolean {
  return policy === "everyone" || (policy === "owners" && role === "owner");
}

export function secondFactorStep(options: { enrolled: boolean; required: boolean; verifiedThisSession: boolean }): SecondFactorStep {
  // Enrolled staff always use their second factor, required or not: a password alone must
  // never be enough for an account that has one.
  if (options.enrolled) return options.verifiedThisSession ? null : "verify";
  return options.required ? "enrol" : null;
}

export const twoFactorPolicyLabels: Record<StaffTwoFactorPolicy, { label: string; hint: string }> = {
  off: { label: "Not required", hint: "Each staff member may set up an authenticator app for themselves." },
  owners: { label: "Required for owners", hint: "Owners must sign in with a code from an authenticator app." },
  everyone: { label: "Required for everyone", hint: "Every staff member must sign in with a code from an authenticator app." },
};
