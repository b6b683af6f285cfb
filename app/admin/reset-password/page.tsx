// GET /reset-password?token=… on the admin host — the page a staff reset link opens.
import type { Metadata } from "next";
import { isUsableStaffReset } from "@/lib/staff/staff-password-reset";
import { AdminPlainPage } from "@/components/admin/admin-plain-page";
import { StaffNewPasswordForm } from "@/components/admin/staff/staff-reset-forms";

export const metadata: Metadata = { title: "Choose a new password · multisite-sso admin", referrer: "no-referrer" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ResetPasswordPage({ searchParams }: Props) {
  const { token } = await searchParams;
  const usable = typeof token === "string" && (await isUsableStaffReset(token));
  return (
    <AdminPlainPage>
      <div className="panel">
        {usable && typeof token === "string" ? (
          <>
            <h1>Choose a new password</h1>
            <StaffNewPasswordForm token={token} />
          </>
        ) : (
          <>
            <h1>This link cannot be used</h1>
            <p>It has expired or was already used.</p>
            <a href="/forgot-password">Ask for a new link</a>
          </>
        )}
      </div>
    </AdminPlainPage>
  );
}
