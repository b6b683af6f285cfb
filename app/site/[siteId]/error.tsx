"use client";
// A site page that failed to render: the site's layout (header, colours, footer) stays, the
// reader is told what happened in plain words, and can retry or go home. The error's details
// stay in the server's log (its digest is shown so support can find it).
import Link from "next/link";
import { useEffect, useState } from "react";

type Props = { error: Error & { digest?: string }; reset: () => void; retry?: () => void };

export default function SiteError({ error, reset, retry }: Props) {
  // The layout marks its root with the site's name (a client component has no params).
  const [siteName, setSiteName] = useState("this site");
  useEffect(() => {
    const name = document.querySelector("[data-site-name]")?.getAttribute("data-site-name");
    if (name) setSiteName(name);
  }, []);
  return (
    <section className="status-page" aria-labelledby="error-title">
      <title>{`Something went wrong — ${siteName}`}</title>
      <h1 id="error-title">Something went wrong</h1>
      <p className="lede">This page of {siteName} could not be shown just now. It is usually temporary: try again in a moment.</p>
      <div className="button-row">
        <button type="button" className="button" onClick={() => (retry ?? reset)()}>
          Try again
        </button>
        <Link href="/" className="button button-secondary">
          Go to the home page
        </Link>
      </div>
      {error.digest ? <p className="notice">Reference: {error.digest}</p> : null}
    </section>
  );
}
