// Any path of a site host that no page serves: the site's own 404 (app/site/[siteId]/not-found.tsx,
// inside the site's layout) rather than the bare root one.
import { notFound } from "next/navigation";

export default function MissingPage(): never {
  notFound();
}
