// GET /verify-email?token=… — where a verification mail's link lands. Opening it changes
// nothing: it shows the address and a button, and only the button's POST uses the link (mail
// scanners open links; they must neither use them up nor get a session).
import type { Metadata } from "next";
import { UnusableLink } from "@/components/site/unusable-link";
import { EMAIL_LINK_TTL_SECONDS } from "@/lib/account/email-links";
import { peekVerificationLink } from "@/lib/account/email-verification";
import { getSiteBranding } from "@/lib/sites/get-site-branding";
import { maskEmail } from "@/lib/sso/sso-status";
import { LinkConfirmButton } from "@/components/site/link-confirm-button";

export const metadata: Metadata = { title: "Confirm your email", referrer: "no-referrer" };

type Props = { params: Promise<{ siteId: string }>; searchParams: Promise<{ token?: string | string[] }> };

export default async function VerifyEmailPage({ params, searchParams }: Props) {
  const [{ siteId }, query] = await Promise.all([params, searchParams]);
  const token = typeof query.token === "string" ? query.token : "";
  const site = await getSiteBranding(siteId);
  const link = site && token ? await peekVerificationLink(token, site.orgId) : null;
  if (!link) {
    return <UnusableLink lifetimeSeconds={EMAIL_LINK_TTL_SECONDS.verify_email} next={{ href: "/signin", label: "Sign in to get a new one" }} />;
  }
  return (
    <div className="panel">
      <h1>Confirm your email</h1>
      <p>
        Confirm <strong>{maskEmail(link.email)}</strong> for your account on {site?.name}. You will be signed in on this browser.
      </p>
      <LinkConfirmButton path="/api/account/verify-email" token={token} label="Confirm my email" />
    </div>
  );
}
