import { describe, expect, it } from "vitest";
import { barHeight, niceMax } from "./chart-scale";

describe("chart axes", () => {
  it("rounds the maximum up to 1, 2 or 5 × 10ⁿ", () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(1)).toBe(1);
    expect(niceMax(3)).toBe(5);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(12)).toBe(20);
    expect(niceMax(20)).toBe(20);
    expect(niceMax(420)).toBe(500);
    expect(niceMax(Number.NaN)).toBe(1);
  });

  it("draws any non-zero value at least one pixel tall, and never past the axis", () => {
    expect(barHeight(0, 10, 48)).toBe(0);
    expect(barHeight(1, 1000, 48)).toBe(1);
    expect(barHeight(10, 10, 48)).toBe(48);
    expect(barHeight(50, 10, 48)).toBe(48);
  });
});
