// Axis maths for the console's small server-rendered SVG charts: a "nice" maximum (1, 2, 5 ×
// 10ⁿ) so gridlines land on round numbers, and bar heights within it. Pure.

/** The smallest of 1, 2, 5, 10, 20, 50, … that is ≥ `max` (at least 1, so an empty chart has an axis). */
export function niceMax(max: number): number {
  if (!Number.isFinite(max) || max <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= max) return step * power;
  }
  return 10 * power;
}

/** Height in pixels of a bar for `value` on an axis of `axisMax` drawn `height` tall; a non-zero value is at least 1 px. */
export function barHeight(value: number, axisMax: number, height: number): number {
  if (value <= 0 || axisMax <= 0) return 0;
  return Math.max(1, Math.round((Math.min(value, axisMax) / axisMax) * height));
}
