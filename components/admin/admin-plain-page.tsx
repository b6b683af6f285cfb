// The console's frame for pages outside an organisation (sign-in, not found or failed for
// someone not signed in): the skip link, the console's name, and the page. Presentational.
import type { ReactNode } from "react";
import { AdminTopbarStart } from "./admin-shell";

export function AdminPlainPage({ children }: { children: ReactNode }) {
  return (
    <>
      <header className="admin-topbar">
        <AdminTopbarStart homeHref="/" />
      </header>
      <main className="admin-signin" id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
