// The account page's sessions grouped by browser: one group per SSO token (one browser), its
// sites under it, newest first; this browser's group first. A session linked to no token (signed
// in while SSO was off, or before its first handshake) cannot be tied to any other: it is a
// group of its own. Pure, so the order is tested without a database.
import type { ReaderSessionRow } from "./list-reader-sessions";

export type BrowserGroup = {
  /** The SSO token's id, or "session:<id>" for an unlinked session. */
  key: string;
  tokenId: string | null;
  browser: string;
  isThisBrowser: boolean;
  lastSeenAt: Date;
  sessions: ReaderSessionRow[];
};

export function groupSessionsByBrowser(sessions: ReaderSessionRow[]): BrowserGroup[] {
  const groups = new Map<string, BrowserGroup>();
  for (const session of sessions) {
    const key = session.ssoTokenId ?? `session:${session.id}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, tokenId: session.ssoTokenId, browser: session.browser, isThisBrowser: false, lastSeenAt: session.lastSeenAt, sessions: [] };
      groups.set(key, group);
    }
    group.sessions.push(session);
    group.isThisBrowser ||= session.isThisDevice;
    if (session.lastSeenAt > group.lastSeenAt) {
      group.lastSeenAt = session.lastSeenAt;
      group.browser = session.browser;
    }
  }
  const byNewest = (a: { lastSeenAt: Date }, b: { lastSeenAt: Date }) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime();
  for (const group of groups.values()) group.sessions.sort((a, b) => Number(b.isCurrent) - Number(a.isCurrent) || byNewest(a, b));
  return [...groups.values()].sort((a, b) => Number(b.isThisBrowser) - Number(a.isThisBrowser) || byNewest(a, b));
}
