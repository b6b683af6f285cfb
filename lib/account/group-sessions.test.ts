import { describe, expect, test } from "vitest";
import { groupSessionsByBrowser } from "./group-sessions";
import { describeUserAgent, deviceKindOf, type ReaderSessionRow } from "./list-reader-sessions";

function row(id: string, token: string | null, minutesAgo: number, extra: Partial<ReaderSessionRow> = {}): ReaderSessionRow {
  return {
    id, siteId: `site-${id}`, siteName: `Site ${id}`, siteHost: null, browser: "Chrome on Linux", deviceKind: "computer", lastSeenAt: new Date(Date.UTC(2026, 0, 1, 12, 0) - minutesAgo * 60_000),
    signedInAt: null, authMethod: "password", isCurrent: false, isThisDevice: false, ssoTokenId: token, ...extra,
  };
}

describe("the account page's sessions grouped by browser", () => {
  test("one group per SSO token, this browser first, the others newest first; unlinked sessions stand alone", () => {
    const groups = groupSessionsByBrowser([
      row("a", "t-old", 50), row("b", "t-new", 5), row("c", "t-this", 90, { isThisDevice: true }), row("d", "t-new", 1),
      row("e", null, 3), row("f", "t-this", 80, { isThisDevice: true, isCurrent: true }),
    ]);
    expect(groups.map((g) => g.key)).toEqual(["t-this", "t-new", "session:e", "t-old"]);
    expect(groups[0]?.isThisBrowser).toBe(true);
    // The current session first in its group, then newest first.
    expect(groups[0]?.sessions.map((s) => s.id)).toEqual(["f", "c"]);
    expect(groups[1]?.sessions.map((s) => s.id)).toEqual(["d", "b"]);
  });

  test("user agents read as a person would name them (an iPhone is iOS although it says 'like Mac OS X')", () => {
    expect(describeUserAgent("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1")).toBe("Safari on iOS");
    expect(describeUserAgent("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15")).toBe("Safari on macOS");
    expect(describeUserAgent("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36")).toBe("Chrome on Android");
    expect(describeUserAgent(null)).toBe("Unknown browser");
  });
});

describe("a coarse device kind from the user agent (our own patterns, no user-agent database)", () => {
  test.each([
    ["Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", "phone"],
    ["Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36", "phone"],
    ["Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36", "tablet"],
    ["Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1", "tablet"],
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15", "computer"],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0", "computer"],
    ["Mozilla/5.0 (X11; Linux x86_64) TestBrowser/1.0", "computer"],
    ["curl/8.5.0", null],
    [null, null],
  ] as const)("%s is a %s", (userAgent, kind) => {
    expect(deviceKindOf(userAgent)).toBe(kind);
  });
});
