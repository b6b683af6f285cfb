// GET /forgot-password on the admin host — a staff member asks for a password-reset link.
import type { Metadata } from "next";
import { AdminPlainPage } from "@/components/admin/admin-plain-page";
import { StaffForgotForm } from "@/components/admin/staff/staff-reset-forms";

export const metadata: Metadata = { title: "Reset your password · multisite-sso admin" };

export default function ForgotPasswordPage() {
  return (
    <AdminPlainPage>
      <div className="panel">
        <h1>Reset your password</h1>
        <p>We mail you a link to choose a new password. If you use an authenticator app, you still need it to sign in.</p>
        <StaffForgotForm />
        <p className="notice">
          <a href="/">Back to sign-in</a>
        </p>
      </div>
    </AdminPlainPage>
  );
}
