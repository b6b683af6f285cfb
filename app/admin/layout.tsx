// Layout of the admin host. Every page of the console is rendered per request (it reads the
// staff session), which is also what lets Next put the CSP nonce of lib/admin/security-headers.ts
// on its scripts.
import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./admin.css";

export const metadata: Metadata = { title: "multisite-sso admin", robots: { index: false, follow: false } };

export default function AdminLayout({ children }: { children: ReactNode }) {
  return <div className="admin">{children}</div>;
}
