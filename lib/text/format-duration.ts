// Durations in the words a person reads: "15 minutes", "1 minute", "45 seconds", "2 hours".
// Rounded up, so "try again in 1 minute" is never too early.

export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(1, Math.ceil(totalSeconds));
  const unit = (count: number, name: string) => `${count} ${name}${count === 1 ? "" : "s"}`;
  if (seconds < 60) return unit(seconds, "second");
  if (seconds < 3600) return unit(Math.ceil(seconds / 60), "minute");
  if (seconds < 86_400) return unit(Math.ceil(seconds / 3600), "hour");
  return unit(Math.ceil(seconds / 86_400), "day");
}
