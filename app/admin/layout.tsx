// Layout of the admin host. Every page of the console is rendered per request (it reads the
// staff session), which is also what lets Next put the CSP nonce of lib/admin/security-headers.ts
// on its scripts.
import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./admin.css";

// No title here: every page names itself, and so does the 404 — a title inherited from the
// layout would outlive a client-side navigation to a page that does not exist.
export const metadata: Metadata = { robots: { index: false, follow: false } };

export default function AdminLayout({ children }: { children: ReactNode }) {
  return <div className="admin">{children}</div>;
}
