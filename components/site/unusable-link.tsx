// What every page a mailed link opens shows when the link cannot be used (expired, used, voided
// by a newer one, or not a link of this organisation): the same words whatever the reason, so
// the page tells nobody more than the link's holder already knows.
import Link from "next/link";
import { formatWait } from "@/lib/format/duration-words";

export function UnusableLink({ title = "This link no longer works", lifetimeSeconds, next }: { title?: string; lifetimeSeconds: number; next: { href: string; label: string } }) {
  return (
    <div className="panel">
      <h1>{title}</h1>
      <p>It has expired, was already used, or a newer link was sent since. Each link works once, for {formatWait(lifetimeSeconds)}.</p>
      <p>
        <Link href={next.href}>{next.label}</Link>
      </p>
    </div>
  );
}
