// GET /signin/link?token=… — the page a sign-in mail links to: "Sign in to <site> as <masked
// email>" and a button. Looking never uses the link (mail scanners prefetch); the button does,
// and signs in the browser it is pressed in (lib/account/email-link-sign-in.ts).
import type { Metadata } from "next";
import { UnusableLink } from "@/components/site/unusable-link";
import { EMAIL_LINK_TTL_SECONDS } from "@/lib/account/email-links";
import { LinkConfirmButton } from "@/components/site/link-confirm-button";
import { describeSignInLink } from "@/lib/account/email-link-sign-in";
import { getSiteViewer } from "@/lib/sso/get-site-viewer";

export const metadata: Metadata = { title: "Sign in by link" };

type Props = { searchParams: Promise<{ token?: string | string[] }> };

export default async function SignInLinkPage({ searchParams }: Props) {
  const [viewer, query] = await Promise.all([getSiteViewer(), searchParams]);
  const token = typeof query.token === "string" ? query.token : "";
  const link = viewer && token ? await describeSignInLink({ orgId: viewer.site.orgId, token }) : null;
  if (!viewer || !link) {
    return <UnusableLink title="This sign-in link no longer works" lifetimeSeconds={EMAIL_LINK_TTL_SECONDS.sign_in} next={{ href: "/signin", label: "Sign in" }} />;
  }
  return (
    <div className="panel">
      <h1>
        Sign in to {viewer.site.name} as {link.maskedEmail}
      </h1>
      <p className="notice">This signs you in on this device and browser.</p>
      <LinkConfirmButton path="/api/account/sign-in-link/complete" token={token} label={`Sign in to ${viewer.site.name}`} />
    </div>
  );
}
