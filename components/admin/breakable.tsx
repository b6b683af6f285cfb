// Long unspaced values (emails, IPv6 addresses, event types) with line-break opportunities after
// their separators, so a table column can be narrow without breaking inside a word — what lets
// the audit log show every column at 1280 px. Presentational.
import { Fragment } from "react";

const AFTER_SEPARATOR = /(?<=[@.:_/])/;
/** Shorter values stay whole (an IPv4 address, a short email): they fit any column. */
const MIN_BREAKABLE_LENGTH = 16;

export function Breakable({ text }: { text: string }) {
  const parts = text.length < MIN_BREAKABLE_LENGTH ? [text] : text.split(AFTER_SEPARATOR);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 ? <wbr /> : null}
          {part}
        </Fragment>
      ))}
    </>
  );
}
