import type { Metadata } from "next";
import type { CSSProperties, ReactNode } from "react";

export const metadata: Metadata = { title: "multisite-sso admin", robots: { index: false } };

export default function AdminLayout({ children }: { children: ReactNode }) {
  return (
    <div style={{ "--brand": "#2b2d42" } as CSSProperties}>
      <header className="site-header">
        <div className="container">
          <span className="site-logo">multisite-sso · Admin console</span>
        </div>
      </header>
      <main className="container">{children}</main>
    </div>
  );
}
