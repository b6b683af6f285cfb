// What the console's "Page not found" says, inside the organisation's frame or the plain one.
// It never echoes the path: the page must be the same for an organisation the staff member is
// not in and for one that does not exist. Presentational.
import Link from "next/link";

export const NOT_FOUND_TITLE = "Page not found · multisite-sso admin";

export function NotFoundMessage({ homeHref, homeLabel }: { homeHref: string; homeLabel: string }) {
  return (
    <section className="admin-message" aria-labelledby="not-found-heading">
      <h1 id="not-found-heading">Page not found</h1>
      <p className="admin-lede">There is no page at this address, or it belongs to an organisation you are not a member of.</p>
      <p>
        <Link href={homeHref}>{homeLabel}</Link>
      </p>
    </section>
  );
}
