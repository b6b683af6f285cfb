// Layout of every site host: the site's own colour, logo and header.
import type { CSSProperties, ReactNode } from "react";
import { notFound } from "next/navigation";
import { SiteHeader } from "@/components/site/site-header";
import { getSiteBranding } from "@/lib/sites/get-site-branding";

export default async function SiteLayout({ children, params }: { children: ReactNode; params: Promise<{ siteId: string }> }) {
  const { siteId } = await params;
  const site = await getSiteBranding(siteId);
  if (!site) notFound();
  return (
    <div style={{ "--brand": site.themeColor } as CSSProperties} data-site={site.slug}>
      <SiteHeader logoText={site.logoText} siteName={site.name} accountSlot={<span>Not signed in</span>} />
      <main className="container">{children}</main>
      <footer className="site-footer">
        <div className="container">
          {site.name} is published by {site.orgName}.
        </div>
      </footer>
    </div>
  );
}
