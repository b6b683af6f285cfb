// GET /reset-password?token=… — the page a reset mail links to. Looking at the link never uses
// it (mail scanners prefetch links); the form's POST does.
import type { Metadata } from "next";
import { UnusableLink } from "@/components/site/unusable-link";
import { EMAIL_LINK_TTL_SECONDS } from "@/lib/account/email-links";
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
    return <UnusableLink lifetimeSeconds={EMAIL_LINK_TTL_SECONDS.reset_password} next={{ href: "/forgot-password", label: "Ask for a new link" }} />;
  }
  return (
    <div className="panel">
      <h1>Choose a new password</h1>
      <NewPasswordForm token={token} email={link.email} />
    </div>
  );
}
