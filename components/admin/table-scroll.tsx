// The frame of a wide table of the console: on a narrow screen the table scrolls inside it, not
// the page. It is a named region that takes focus, so keyboard users can scroll it too (axe:
// scrollable-region-focusable). Presentational.
import type { ReactNode } from "react";

export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must be reachable by keyboard
    <div className="admin-table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
