import Link from "next/link";
import type { ReactNode } from "react";

/** The site's branded header; `accountSlot` shows who is signed in (rendered on the server). */
export function SiteHeader({ logoText, siteName, accountSlot }: { logoText: string; siteName: string; accountSlot: ReactNode }) {
  return (
    <header className="site-header">
      <div className="container">
        <Link href="/" className="site-logo" aria-label={`${siteName} home`}>
          {logoText}
        </Link>
        <div className="account-slot" data-testid="account-slot">
          {accountSlot}
        </div>
      </div>
    </header>
  );
}
