import { describe, expect, it } from "vitest";
import { formatDuration } from "./format-duration";

describe("formatDuration: durations in words, rounded up", () => {
  it.each([
    [0, "1 second"],
    [1, "1 second"],
    [45, "45 seconds"],
    [60, "1 minute"],
    [61, "2 minutes"],
    [900, "15 minutes"],
    [3600, "1 hour"],
    [7200, "2 hours"],
    [86_400, "1 day"],
  ])("%i s → %s", (seconds, words) => {
    expect(formatDuration(seconds)).toBe(words);
  });
});
