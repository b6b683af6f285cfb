// GET /reset-password?token=… — the page a reset mail links to. Looking at the link never uses
// it (mail scanners prefetch links); the form's POST does.
import type { Metadata } from "next";
import Link from "next/link";
import { NewPasswordForm } from "@/components/site/new-password-form";
import { peekResetLink } from "@/lib/account/password-reset";
import { getSiteViewer } from "@/lib/sso/get-site-viewer";

export const metadata: Metadata = { title: "Choose a new password" };

type Props = { searchParams: Promise<{ token?: string | string[] }> };

export default async function ResetPasswordPage({ searchParams }: Props) {
  const [viewer, query] = await Promise.all([getSiteViewer(), searchParams]);
  const token = typeof query.token === "string" ? query.token : "";
  const link = viewer && token ? await peekResetLink({ orgId: viewer.site.orgId, token }) : null;
  if (!link) {
    return (
      <div className="panel">
        <h1>This link no longer works</h1>
        <p>It has expired, was already used, or a newer link was sent since. Each link works once, for 30 minutes.</p>
        <p>
          <Link href="/forgot-password">Ask for a new link</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="panel">
      <h1>Choose a new password</h1>
      <NewPasswordForm token={token} email={link.email} />
    </div>
  );
}
