"use client";
// What the console says when a page failed on the server: nothing was lost, the reference to
// quote (Next's digest of the error, which is also in the server log), try again. Presentational.
import Link from "next/link";

const ERROR_TITLE = "Something went wrong · multisite-sso admin";

export function ErrorMessage({ digest, onRetry, homeHref, homeLabel }: { digest?: string; onRetry: () => void; homeHref: string; homeLabel: string }) {
  return (
    <section className="admin-message" aria-labelledby="error-heading">
      <title>{ERROR_TITLE}</title>
      <h1 id="error-heading">Something went wrong</h1>
      <p className="admin-lede">The console could not show this page. Nothing was changed. Try again in a moment.</p>
      {digest ? (
        <p className="admin-hint">
          Reference for support: <code>{digest}</code>
        </p>
      ) : null}
      <p className="admin-inline">
        <button type="button" className="admin-button" onClick={onRetry}>
          Try again
        </button>
        <Link href={homeHref}>{homeLabel}</Link>
      </p>
    </section>
  );
}
