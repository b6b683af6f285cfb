import { describe, expect, it } from "vitest";
import { formatDuration, joinDuration, splitDuration } from "./durations";

describe("lifetimes as a number and a unit", () => {
  it("picks the largest unit that is exact", () => {
    expect(splitDuration(1_209_600)).toEqual({ value: 14, unit: "days" });
    expect(splitDuration(7_200)).toEqual({ value: 2, unit: "hours" });
    expect(splitDuration(5_400)).toEqual({ value: 90, unit: "minutes" });
  });

  it("converts back to whole seconds, refusing empty, zero and negative input", () => {
    expect(joinDuration("14", "days")).toBe(1_209_600);
    expect(joinDuration("1.5", "hours")).toBe(5_400);
    expect(joinDuration("", "days")).toBeNull();
    expect(joinDuration("0", "days")).toBeNull();
    expect(joinDuration("-1", "days")).toBeNull();
    expect(joinDuration("abc", "days")).toBeNull();
  });

  it("formats for people", () => {
    expect(formatDuration(86_400)).toBe("1 day");
    expect(formatDuration(400 * 86_400)).toBe("400 days");
    expect(formatDuration(300)).toBe("5 minutes");
  });
});
