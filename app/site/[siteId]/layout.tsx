// Layout of every site host: the site's own colour, logo and header.
import type { CSSProperties, ReactNode } from "react";
import { notFound } from "next/navigation";
import { SiteHeader } from "@/components/site/site-header";
import { getSiteBranding } from "@/lib/sites/get-site-branding";
import { getSiteViewer, wasSignedOutByDeviceLimit } from "@/lib/sso/get-site-viewer";
import { SignedOutNotice } from "@/components/site/signed-out-notice";
import { getContinueAsOffer } from "@/lib/sso/continue-as-offer";
import { AccountSlot } from "@/components/site/account-slot";
import { ConsentPrompt } from "@/components/sso/consent-prompt";
import { VerifyEmailBanner } from "@/components/site/verify-email-banner";
import { isHostedSignInOnFor } from "@/lib/sso/hosted-sign-in";

export default async function SiteLayout({ children, params }: { children: ReactNode; params: Promise<{ siteId: string }> }) {
  const { siteId } = await params;
  const [site, viewer, evicted] = await Promise.all([getSiteBranding(siteId), getSiteViewer(), wasSignedOutByDeviceLimit()]);
  if (!site) notFound();
  const offer = getContinueAsOffer(viewer, "prompt");
  // Hosted sign-in: "Continue" is the reader's click on the auth domain's own page.
  const hostedContinue = offer && viewer ? await isHostedSignInOnFor({ orgId: site.orgId, mode: viewer.mode }) : false;
  return (
    <div style={{ "--brand": site.themeColor } as CSSProperties} data-site={site.slug} data-site-name={site.name}>
      {offer ? <ConsentPrompt hint={offer} hosted={hostedContinue} /> : null}
      <SiteHeader logoText={site.logoText} siteName={site.name} accountSlot={<AccountSlot viewer={viewer} />} />
      {evicted && !viewer?.reader ? <SignedOutNotice /> : null}
      {viewer?.reader && !viewer.reader.emailVerified ? <VerifyEmailBanner email={viewer.reader.email} /> : null}
      <main className="container site-main">{children}</main>
      <footer className="site-footer">
        <div className="container">
          {site.name} is published by {site.orgName}.
        </div>
      </footer>
    </div>
  );
}
