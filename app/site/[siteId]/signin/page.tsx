// GET /signin — password sign-in; "Continue as …" above the form when the reader is signed in
// on another site (lib/sso/continue-as-offer.ts decides when).
import type { Metadata } from "next";
import Link from "next/link";
import { CredentialsForm } from "@/components/site/credentials-form";
import { ContinueAs } from "@/components/sso/continue-as";
import { EmailLinkSignIn } from "@/components/site/email-link-sign-in";
import { isEmailLinkSignInOn } from "@/lib/account/email-link-sign-in";
import { getSiteViewer } from "@/lib/sso/get-site-viewer";
import { getContinueAsOffer } from "@/lib/sso/continue-as-offer";
import { sanitizeReturnPath } from "@/lib/sso/return-path";
import { redirectToHostedPage } from "@/lib/sso/hosted-page-redirect";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ return?: string | string[]; here?: string | string[] }> };

export default async function SignInPage({ searchParams }: Props) {
  const [viewer, query] = await Promise.all([getSiteViewer(), searchParams]);
  const returnTo = sanitizeReturnPath(typeof query.return === "string" ? query.return : "/");
  if (viewer?.reader) {
    return (
      <div className="panel">
        <h1>You&apos;re signed in</h1>
        <p>
          You&apos;re signed in as {viewer.reader.displayName ?? viewer.reader.email}. <Link href="/account">Your account</Link>
        </p>
      </div>
    );
  }
  // Hosted sign-in: the auth domain's page (unless the reader chose this site's own, `here=1`).
  await redirectToHostedPage(viewer, "signin", returnTo, query.here);
  const offer = getContinueAsOffer(viewer, "sign_in_page");
  return (
    <div className="panel">
      <h1>Sign in</h1>
      {offer ? <ContinueAs hint={offer} returnTo={returnTo} /> : null}
      <CredentialsForm kind="signin" returnTo={returnTo} />
      <p className="notice">
        <Link href="/forgot-password">Forgot password?</Link>
      </p>
      {viewer && (await isEmailLinkSignInOn(viewer.site.orgId)) ? <EmailLinkSignIn returnTo={returnTo} /> : null}
      <p className="notice">
        New here? <Link href={`/register?return=${encodeURIComponent(returnTo)}`}>Create an account</Link>
      </p>
    </div>
  );
}
