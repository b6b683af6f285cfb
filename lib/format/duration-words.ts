// Durations in words, for every sentence a reader or staff member reads ("Try again in 15
// minutes", "5 minutes", "1 day"). One formatter: the console's lifetimes and the sign-in
// throttle's messages use it.
const UNITS = [
  { seconds: 86_400, one: "day", many: "days" },
  { seconds: 3_600, one: "hour", many: "hours" },
  { seconds: 60, one: "minute", many: "minutes" },
  { seconds: 1, one: "second", many: "seconds" },
] as const;

export type DurationUnitWord = "day" | "hour" | "minute" | "second";

/** "1 minute", "15 minutes": a count and its unit, singular or plural. */
export function formatCount(value: number, unit: DurationUnitWord): string {
  const words = UNITS.find((u) => u.one === unit) ?? UNITS[3];
  return `${value} ${value === 1 ? words.one : words.many}`;
}

/**
 * A wait, rounded UP to the largest unit that fits (never promise less than the wait):
 * 30 → "30 seconds", 61 → "2 minutes", 900 → "15 minutes", 3 600 → "1 hour".
 */
export function formatWait(seconds: number): string {
  const whole = Math.max(1, Math.ceil(seconds));
  for (const unit of UNITS) {
    if (whole >= unit.seconds) return formatCount(Math.ceil(whole / unit.seconds), unit.one);
  }
  return formatCount(whole, "second");
}

/** The sentence after too many failed sign-ins, with the wait in words. */
export function tooManySignInsMessage(retryAfterSeconds: number): string {
  return `Too many failed sign-ins. Try again in ${formatWait(retryAfterSeconds)}.`;
}
