// A site's 404 (an unknown path, an unknown article): rendered inside the site's layout, so it
// has the site's header, colours and footer, a <title> naming the site, and a way home. Next
// answers it with status 404 (it is decided before the page streams). NOTE: Next 16 sends a
// thrown notFound()'s page as an empty HTML shell plus the React payload, and the browser
// renders this boundary from it; a reader sees it at once, a client without script sees the 404.
import Link from "next/link";
import { getSiteViewer } from "@/lib/sso/get-site-viewer";

export default async function SiteNotFound() {
  const siteName = (await getSiteViewer())?.site?.name ?? "this site";
  return (
    <section className="status-page" aria-labelledby="not-found-title">
      <title>{`Page not found — ${siteName}`}</title>
      <h1 id="not-found-title">Page not found</h1>
      <p className="lede">There is no page at this address on {siteName}. The link may be mistyped, or the page may have moved.</p>
      <p>
        <Link href="/" className="button">
          Go to the home page
        </Link>
      </p>
    </section>
  );
}
