// GET /signin/link?token=… — the page a sign-in mail links to: "Sign in to <site> as <masked
// email>" and a button. Looking never uses the link (mail scanners prefetch); the button does,
// and signs in the browser it is pressed in (lib/account/email-link-sign-in.ts).
import type { Metadata } from "next";
import Link from "next/link";
import { SignInLinkConfirm } from "@/components/site/sign-in-link-confirm";
import { describeSignInLink } from "@/lib/account/email-link-sign-in";
import { getSiteViewer } from "@/lib/sso/get-site-viewer";

export const metadata: Metadata = { title: "Sign in by link" };

type Props = { searchParams: Promise<{ token?: string | string[] }> };

export default async function SignInLinkPage({ searchParams }: Props) {
  const [viewer, query] = await Promise.all([getSiteViewer(), searchParams]);
  const token = typeof query.token === "string" ? query.token : "";
  const link = viewer && token ? await describeSignInLink({ orgId: viewer.site.orgId, token }) : null;
  if (!viewer || !link) {
    return (
      <div className="panel">
        <h1>This sign-in link no longer works</h1>
        <p>It has expired, was already used, or a newer link was sent since. Each link works once, for 15 minutes.</p>
        <p>
          <Link href="/signin">Sign in</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="panel">
      <h1>
        Sign in to {viewer.site.name} as {link.maskedEmail}
      </h1>
      <p className="notice">This signs you in on this device and browser.</p>
      <SignInLinkConfirm token={token} siteName={viewer.site.name} />
    </div>
  );
}
