// The last-resort 404 (a site id that no longer exists between the proxy and the render): plain,
// with a title and a sentence a reader understands.
import type { Metadata } from "next";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <main className="container">
      <h1>Page not found</h1>
      <p className="lede">There is no page at this address. Check the address for a typo, or go back to the page you came from.</p>
    </main>
  );
}
