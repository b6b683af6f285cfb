// GET /forgot-password — ask for a password-reset link by mail (lib/account/password-reset.ts).
import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "@/components/site/forgot-password-form";
import { getSiteViewer } from "@/lib/sso/get-site-viewer";
import { redirectToHostedPage } from "@/lib/sso/hosted-page-redirect";

export const metadata: Metadata = { title: "Forgot password" };

type Props = { searchParams: Promise<{ here?: string | string[] }> };

export default async function ForgotPasswordPage({ searchParams }: Props) {
  await redirectToHostedPage(await getSiteViewer(), "forgot-password", "/", (await searchParams).here);
  return (
    <div className="panel">
      <h1>Forgot your password?</h1>
      <p className="notice">Type the email of your account. We will send it a link to choose a new password; it works once, for 30 minutes.</p>
      <ForgotPasswordForm />
      <p className="notice">
        Remembered it? <Link href="/signin">Sign in</Link>
      </p>
    </div>
  );
}
