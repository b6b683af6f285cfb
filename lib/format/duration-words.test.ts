import { describe, expect, test } from "vitest";
import { formatCount, formatWait, tooManySignInsMessage } from "./duration-words";

describe("durations in words", () => {
  test("a count has the singular or plural of its unit, never 'minute(s)'", () => {
    expect(formatCount(1, "minute")).toBe("1 minute");
    expect(formatCount(15, "minute")).toBe("15 minutes");
    expect(formatCount(1, "day")).toBe("1 day");
  });

  test("a wait is rounded up to whole units, so it never promises less than the real wait", () => {
    expect(formatWait(0)).toBe("1 second");
    expect(formatWait(30)).toBe("30 seconds");
    expect(formatWait(60)).toBe("1 minute");
    expect(formatWait(61)).toBe("2 minutes");
    expect(formatWait(900)).toBe("15 minutes");
    expect(formatWait(899.2)).toBe("15 minutes");
    expect(formatWait(3_600)).toBe("1 hour");
  });

  test("the throttled sign-in message says the wait in words", () => {
    expect(tooManySignInsMessage(900)).toBe("Too many failed sign-ins. Try again in 15 minutes.");
    expect(tooManySignInsMessage(45)).toBe("Too many failed sign-ins. Try again in 45 seconds.");
  });
});
