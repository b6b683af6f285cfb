// Lifetimes are stored in seconds and edited as a number and a unit. Pure: the settings form
// (a client component) and the pages use the same conversions; the words come from the one
// formatter, lib/format/duration-words.ts.
import { formatCount } from "@/lib/format/duration-words";
export const durationUnits = [
  { id: "minutes", label: "minutes", seconds: 60 },
  { id: "hours", label: "hours", seconds: 3_600 },
  { id: "days", label: "days", seconds: 86_400 },
] as const;

export type DurationUnit = (typeof durationUnits)[number]["id"];

/** The largest unit that expresses `seconds` exactly (so 1 209 600 s reads "14 days"). */
export function splitDuration(seconds: number): { value: number; unit: DurationUnit } {
  for (const unit of [...durationUnits].reverse()) {
    if (seconds >= unit.seconds && seconds % unit.seconds === 0) return { value: seconds / unit.seconds, unit: unit.id };
  }
  return { value: Math.round(seconds / 60), unit: "minutes" };
}

/** Whole seconds, or null when the input is not a positive number. */
export function joinDuration(value: string | number, unit: DurationUnit): number | null {
  const number = typeof value === "number" ? value : Number(value.trim() === "" ? Number.NaN : value);
  const factor = durationUnits.find((u) => u.id === unit)?.seconds;
  if (!factor || !Number.isFinite(number) || number <= 0) return null;
  return Math.round(number * factor);
}

export function formatDuration(seconds: number): string {
  const { value, unit } = splitDuration(seconds);
  return formatCount(value, unit === "days" ? "day" : unit === "hours" ? "hour" : "minute");
}
